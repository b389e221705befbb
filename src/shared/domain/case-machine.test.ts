import { describe, expect, test } from 'vitest';
import { ROLES, type TRole } from './roles.js';
import {
  allowedActions,
  CASE_ACTIONS,
  CASE_STATUSES,
  decideCitizenReopen,
  decideTransition,
  isOverdue,
  type TActionInput,
  type TCaseAction,
  type TCaseFacts,
  type TCaseStatus,
} from './case-machine.js';

/** The transitions the issue specifies, written out independently of the implementation. */
const EXPECTED: Record<TCaseAction, Partial<Record<TCaseStatus, TCaseStatus>>> = {
  assign: { pending_assign: 'rectifying' },
  reassign: { rectifying: 'rectifying', returned: 'rectifying', extension_requested: 'rectifying' },
  submit: { rectifying: 'pending_verify', returned: 'pending_verify' },
  verify: { pending_verify: 'closed' },
  return: { pending_verify: 'returned' },
  request_extension: { rectifying: 'extension_requested', returned: 'extension_requested' },
  approve_extension: { extension_requested: 'rectifying' },
  refuse_extension: { extension_requested: 'rectifying' },
  cancel: {
    pending_assign: 'cancelled',
    rectifying: 'cancelled',
    extension_requested: 'cancelled',
    pending_verify: 'cancelled',
    returned: 'cancelled',
  },
  reopen: { closed: 'rectifying' },
};

const UNIT = 7;
const OTHER_UNIT = 9;

/** Which (role, relation) may take each action, from the permission rules. */
function expectedActorOk(action: TCaseAction, role: TRole, isResponsible: boolean, isLastSubmitter: boolean): boolean {
  const supervisor = role === 'leader' || role === 'inspector';
  switch (action) {
    case 'assign':
    case 'reassign':
      return supervisor || role === 'township_cadre';
    case 'submit':
    case 'request_extension':
      return isResponsible;
    case 'verify':
    case 'return':
      return supervisor && !isResponsible && !isLastSubmitter;
    case 'approve_extension':
    case 'refuse_extension':
      return supervisor && !isResponsible;
    case 'cancel':
      return supervisor || role === 'admin';
    case 'reopen':
      return supervisor;
  }
}

/** A complete input for each action, so only status and actor decide. */
function fullInput(action: TCaseAction): TActionInput {
  return {
    action,
    note: '说明',
    unitId: UNIT,
    deadline: '2030-01-10T00:00:00.000Z',
    currentDeadline: '2030-01-01T00:00:00.000Z',
    outcome: 'fixed',
    attachmentIds: [],
  };
}

describe('case state machine: every status × action × actor', () => {
  const relations = [
    { name: 'responsible unit', unitId: UNIT, isLastSubmitter: false },
    { name: 'other unit', unitId: OTHER_UNIT, isLastSubmitter: false },
    { name: 'no unit', unitId: null, isLastSubmitter: false },
    { name: 'last submitter, other unit now', unitId: OTHER_UNIT, isLastSubmitter: true },
  ];
  for (const status of CASE_STATUSES) {
    for (const action of CASE_ACTIONS) {
      for (const role of ROLES) {
        for (const rel of relations) {
          const actorId = 100;
          const c: TCaseFacts = { status, unitId: UNIT, foundById: 1, lastSubmitterId: rel.isLastSubmitter ? actorId : 55 };
          const actor = { id: actorId, role, unitId: rel.unitId };
          const target = EXPECTED[action][status];
          const actorOk = expectedActorOk(action, role, rel.unitId === UNIT, rel.isLastSubmitter);
          test(`${status} · ${action} · ${role} (${rel.name})`, () => {
            const d = decideTransition(c, actor, fullInput(action));
            if (!target) {
              expect(d).toMatchObject({ ok: false, code: 'CASE_ACTION_NOT_ALLOWED_IN_STATUS' });
            } else if (!actorOk) {
              expect(d.ok).toBe(false);
              if (!d.ok) expect(['CASE_FORBIDDEN_FOR_ROLE', 'CASE_NOT_RESPONSIBLE_UNIT', 'CASE_SELF_VERIFY']).toContain(d.code);
            } else {
              expect(d).toMatchObject({ ok: true, to: target });
            }
            expect(allowedActions(c, actor).includes(action)).toBe(Boolean(target && actorOk));
          });
        }
      }
    }
  }
});

describe('case state machine: refusal reasons and counters', () => {
  const inspector = { id: 1, role: 'inspector' as const, unitId: 50 };
  const unitStaff = { id: 2, role: 'unit_staff' as const, unitId: UNIT };
  const facts = (status: TCaseStatus): TCaseFacts => ({ status, unitId: UNIT, foundById: 1, lastSubmitterId: 2 });

  test('a unit never verifies its own rectification', () => {
    const supervisorInUnit = { id: 3, role: 'inspector' as const, unitId: UNIT };
    expect(decideTransition(facts('pending_verify'), supervisorInUnit, { action: 'verify' })).toMatchObject({
      ok: false,
      code: 'CASE_SELF_VERIFY',
    });
  });

  test('unit staff cannot verify or return', () => {
    expect(decideTransition(facts('pending_verify'), unitStaff, { action: 'verify' })).toMatchObject({
      ok: false,
      code: 'CASE_FORBIDDEN_FOR_ROLE',
    });
  });

  test('only the responsible unit submits', () => {
    const other = { id: 4, role: 'unit_staff' as const, unitId: OTHER_UNIT };
    expect(decideTransition(facts('rectifying'), other, { action: 'submit', note: '已整改' })).toMatchObject({
      ok: false,
      code: 'CASE_NOT_RESPONSIBLE_UNIT',
    });
  });

  test('return counts a return; approval counts an extension', () => {
    expect(decideTransition(facts('pending_verify'), inspector, { action: 'return', note: '不到位' })).toEqual({
      ok: true,
      to: 'returned',
      counts: { returns: 1 },
    });
    expect(decideTransition(facts('extension_requested'), inspector, { action: 'approve_extension' })).toEqual({
      ok: true,
      to: 'rectifying',
      counts: { extensions: 1 },
    });
  });

  test.each([
    ['assign without unit', 'pending_assign', inspector, { action: 'assign', deadline: '2030-01-01' }],
    ['assign without deadline', 'pending_assign', inspector, { action: 'assign', unitId: UNIT }],
    ['submit with neither note nor photo', 'rectifying', unitStaff, { action: 'submit', note: '  ' }],
    ['return without reason', 'pending_verify', inspector, { action: 'return' }],
    ['cancel without reason', 'rectifying', inspector, { action: 'cancel' }],
    ['refuse extension without reason', 'extension_requested', inspector, { action: 'refuse_extension' }],
    ['extension without reason', 'rectifying', unitStaff, { action: 'request_extension', deadline: '2030-02-01' }],
    ['extension without date', 'rectifying', unitStaff, { action: 'request_extension', note: '雨天' }],
    [
      'extension not later than the deadline',
      'rectifying',
      unitStaff,
      { action: 'request_extension', note: '雨天', deadline: '2030-01-01T00:00:00Z', currentDeadline: '2030-01-02T00:00:00Z' },
    ],
  ] as const)('input required: %s', (_name, status, actor, input) => {
    expect(decideTransition(facts(status), actor, input as TActionInput)).toMatchObject({ ok: false, code: 'CASE_INPUT_REQUIRED' });
  });

  test('submit with a photo and no note is enough', () => {
    expect(decideTransition(facts('rectifying'), unitStaff, { action: 'submit', attachmentIds: ['a'] })).toMatchObject({
      ok: true,
      to: 'pending_verify',
    });
  });
});

describe('overdue derives from the deadline', () => {
  const now = new Date('2026-11-26T04:00:00Z');
  test.each([
    ['rectifying', '2026-11-25T00:00:00Z', true],
    ['rectifying', '2026-11-27T00:00:00Z', false],
    ['returned', '2026-11-25T00:00:00Z', true],
    ['pending_verify', '2026-11-25T00:00:00Z', true],
    ['closed', '2026-11-25T00:00:00Z', false],
    ['cancelled', '2026-11-25T00:00:00Z', false],
    ['pending_assign', null, false],
  ] as const)('%s with deadline %s → %s', (status, deadline, expected) => {
    expect(isOverdue(status, deadline, now)).toBe(expected);
  });
});

describe("the citizen's \"not fixed\" reopens a closed case within the window", () => {
  const closedAt = new Date('2026-11-20T04:00:00Z');
  test.each(CASE_STATUSES.filter((s) => s !== 'closed'))('refused from %s', (status) => {
    expect(decideCitizenReopen({ status, closedAt, windowDays: 7, now: closedAt }).ok).toBe(false);
  });
  test('closed within the window → rectifying, like reopen', () => {
    const now = new Date(closedAt.getTime() + 7 * 86_400_000);
    expect(decideCitizenReopen({ status: 'closed', closedAt, windowDays: 7, now })).toEqual({ ok: true, to: 'rectifying' });
  });
  test('after the window → refused', () => {
    const now = new Date(closedAt.getTime() + 7 * 86_400_000 + 1);
    expect(decideCitizenReopen({ status: 'closed', closedAt, windowDays: 7, now })).toMatchObject({
      ok: false,
      code: 'CASE_ACTION_NOT_ALLOWED_IN_STATUS',
    });
  });
});
