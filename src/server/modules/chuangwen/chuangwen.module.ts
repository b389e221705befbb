/** 创文: calendar, categories, places, measures, 清零看板 and the weekly 通报. */
import { defineModule } from '../../lib/module.js';
import { chuangwenAbilities } from './chuangwen.policy.js';
import { chuangwenRoutes } from './chuangwen.routes.js';

export const chuangwenModule = defineModule({
  name: 'chuangwen',
  routes: [{ prefix: '/api/chuangwen', plugin: chuangwenRoutes }],
  abilities: chuangwenAbilities,
});
