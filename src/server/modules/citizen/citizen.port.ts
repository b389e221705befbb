/**
 * The citizen port: what other modules use of the citizen module. Volunteers mask members' phones
 * the way citizens' reports mask theirs (138****5678).
 */
export { maskPhone } from './citizen.present.js';
