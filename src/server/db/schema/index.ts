/** Every table of the platform; drizzle-kit generates migrations from this module. */
export * from './core.js';
export * from './cases.js';
export * from './case-view.js';
export * from './attachments.js';
export * from './checklists.js';
export * from './chuangwen.js';
export * from './households.js';
export * from './citizen.js';
export * from './volunteers.js';
export * from './households-work.js';
export * from './jobs.js';
