/**
 * The auth port: what other modules use of auth. Admin ends a user's sessions when it deactivates
 * the user or resets their password.
 */
export { deleteUserSessions } from './auth.repo.js';
