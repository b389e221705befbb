/**
 * Every module of the platform, in registration order. Adding a module is adding its folder
 * (with its `<name>.module.ts` manifest) and one line here; `buildApp` collects the rest.
 */
import type { TModule } from '../lib/module.js';
import { adminModule } from './admin/admin.module.js';
import { attachmentsModule } from './attachments/attachments.module.js';
import { auditModule } from './audit/audit.module.js';
import { authModule } from './auth/auth.module.js';
import { casesModule } from './cases/cases.module.js';
import { checklistsModule } from './checklists/checklists.module.js';
import { chuangwenModule } from './chuangwen/chuangwen.module.js';
import { citizenModule } from './citizen/citizen.module.js';
import { householdsModule } from './households/households.module.js';
import { volunteersModule } from './volunteers/volunteers.module.js';

export const MODULES: readonly TModule[] = [
  authModule,
  adminModule,
  auditModule,
  attachmentsModule,
  casesModule,
  checklistsModule,
  chuangwenModule,
  citizenModule,
  householdsModule,
  volunteersModule,
];
