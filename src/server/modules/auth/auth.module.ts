/** The sign-in module: sessions, who am I (with every module's abilities), password change. */
import { defineModule } from '../../lib/module.js';
import { authRoutes } from './auth.routes.js';

export const authModule = defineModule({
  name: 'auth',
  routes: [{ prefix: '/api/auth', plugin: authRoutes }],
});
