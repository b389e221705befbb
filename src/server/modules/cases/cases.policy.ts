/**
 * Authorization of the supervision case, declared once. Scope (which cases exist for a user)
 * is in the repository queries; who may take which action is the shared state machine's.
 */
import { allowedActions, type TActorFacts, type TCaseFacts, type TCaseStatus } from '../../../shared/domain/case-machine.js';
import type { TRole } from '../../../shared/domain/roles.js';
import { defineAbilities } from '../../lib/abilities.js';
import type { TUser } from '../../lib/types.js';

/** Roles that may raise a case. Unit staff answer cases; they do not raise them. */
export const CASE_CREATOR_ROLES: readonly TRole[] = [
  'admin',
  'leader',
  'inspector',
  'township_cadre',
  'village_cadre',
  'discipline',
];

export function actorFacts(user: TUser): TActorFacts {
  return { id: user.id, role: user.role, unitId: user.unitId };
}

export function caseFacts(c: { status: string; unitId: number | null; foundById: number | null; lastSubmitterId: number | null }): TCaseFacts {
  return { status: c.status as TCaseStatus, unitId: c.unitId, foundById: c.foundById, lastSubmitterId: c.lastSubmitterId };
}

/**
 * What the case list offers in bulk, asked of the state machine itself: assigning a new case,
 * and verifying another unit's rectification.
 */
export const caseAbilities = defineAbilities('cases', {
  create: (u) => CASE_CREATOR_ROLES.includes(u.role),
  assign: (u) =>
    allowedActions({ status: 'pending_assign', unitId: null, foundById: null, lastSubmitterId: null }, actorFacts(u)).includes('assign'),
  verify: (u) =>
    allowedActions({ status: 'pending_verify', unitId: -1, foundById: null, lastSubmitterId: null }, actorFacts(u)).includes('verify'),
});
