/**
 * Every feature of the web app. The menu's groups are ordered by the features that own them
 * (`menuGroups`); entries inside a group by their `order`. Adding a module's screens is adding its
 * `features/<name>/<name>.feature.tsx` and one line here.
 */
import type { TWebFeature } from '../lib/feature';
import { adminFeature } from './admin/admin.feature';
import { casesFeature } from './cases/cases.feature';
import { checklistsFeature } from './checklists/checklists.feature';
import { chuangwenFeature } from './chuangwen/chuangwen.feature';
import { citizenFeature } from './citizen/citizen.feature';
import { householdsFeature } from './households.feature';
import { volunteersFeature } from './volunteers/volunteers.feature';

export const FEATURES: readonly TWebFeature[] = [
  casesFeature,
  checklistsFeature,
  chuangwenFeature,
  citizenFeature,
  volunteersFeature,
  householdsFeature,
  adminFeature,
];
