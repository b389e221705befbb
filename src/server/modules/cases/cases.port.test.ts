/**
 * The case port as other modules use it: raising with an origin and an actor, one case per
 * origin, the origin's module told of closing and reopening in the same transaction, and the
 * citizen's reopen recorded as the citizen's.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, daysFromNow, login, type TClient, type TTestContext } from '../../../../test/helpers.js';
import { rowsOf } from '../../db/rows.js';
import { systemActor, userActor } from '../../lib/actor.js';
import type { TCaseOriginEvent, TCaseOriginHandlers } from '../../lib/module.js';
import type { TUser } from '../../lib/types.js';
import * as cases from './cases.port.js';

let ctx: TTestContext;
let inspector: TClient;
let wuye: TClient;
let areaId: number;
let wuyeUnit: number;
let inspectorUser: TUser;

beforeAll(async () => {
  ctx = await createTestApp();
  [inspector, wuye] = await Promise.all(['inspector', 'wuye'].map((u) => login(ctx.app, u)));
  areaId = ctx.seed.areaByName.get('中原社区A区')!.id;
  wuyeUnit = ctx.seed.unitByName.get('周口中原物业服务有限公司')!.id;
  const me = (await inspector.get('/api/auth/me')).json();
  inspectorUser = { ...me, areaPrefix: '411671' };
});
afterAll(async () => ctx?.close());

const body = (over: Record<string, unknown> = {}) => ({
  title: '端口测试',
  description: '',
  module: 'assistance' as const,
  areaId,
  source: 'system_alert' as const,
  severity: 'normal' as const,
  attachmentIds: [],
  ...over,
});

/** Origin handlers that record what they were told (and can be made to fail). */
function recorder(fail = false) {
  const calls: { on: 'closed' | 'reopened'; e: Omit<TCaseOriginEvent, 'db'> }[] = [];
  const handlers: TCaseOriginHandlers = {
    onCaseClosed: async ({ db: _db, ...e }) => {
      calls.push({ on: 'closed', e });
      if (fail) throw new Error('origin refused');
    },
    onCaseReopened: async ({ db: _db, ...e }) => {
      calls.push({ on: 'reopened', e });
    },
  };
  return { calls, origins: { caseOrigin: (type: string | null) => (type === 'household_lead' ? handlers : undefined) } };
}

describe('raiseCase', () => {
  test('the system raises a case with no user: no finder, its events name the job', async () => {
    const c = await cases.raiseCase(ctx.db, { actor: systemActor('test.job'), origin: { type: 'household_lead', id: 9001 }, case: body() });
    expect(c.code).toMatch(/^DB\d{14}$/);
    const detail = (await inspector.get(`/api/cases/${c.caseId}`)).json();
    expect(detail).toMatchObject({ foundById: null, originType: 'household_lead', originId: 9001, status: 'pending_assign' });
    expect(detail.events).toEqual([expect.objectContaining({ action: 'create', actorId: null, actorKind: 'system', actorRef: 'test.job', actorName: '系统' })]);
  });

  test('one case per origin: a second raise is DUPLICATE and writes nothing', async () => {
    const origin = { type: 'inspection_result' as const, id: 9002 };
    await cases.raiseCase(ctx.db, { actor: userActor(inspectorUser), origin, case: body({ source: 'inspection' }) });
    const count = async () =>
      rowsOf<{ n: number }>(await ctx.db.execute(sql`select count(*)::int as n from cases where origin_type = 'inspection_result' and origin_id = 9002`))[0].n;
    await expect(cases.raiseCase(ctx.db, { actor: userActor(inspectorUser), origin, case: body({ source: 'inspection' }) })).rejects.toMatchObject({ code: 'DUPLICATE' });
    expect(await count()).toBe(1);
    expect((await cases.findCasesByOrigin(ctx.db, 'inspection_result', [9002, 9003])).size).toBe(1);
  });

  test('the system may assign on raising (a rule of its module decides), a user only as the state machine allows', async () => {
    const c = await cases.raiseCase(ctx.db, {
      actor: systemActor('test.job'),
      case: body({ unitId: wuyeUnit, deadline: daysFromNow(2) }),
    });
    expect((await wuye.get(`/api/cases/${c.caseId}`)).json().status).toBe('rectifying');
    const wuyeUser: TUser = { ...(await wuye.get('/api/auth/me')).json(), areaPrefix: '411671' };
    await expect(
      cases.raiseCase(ctx.db, { actor: userActor(wuyeUser), case: body({ unitId: wuyeUnit, deadline: daysFromNow(2) }) }),
    ).rejects.toMatchObject({ code: 'CASE_FORBIDDEN_FOR_ROLE' });
  });
});

describe("the origin's module hears of its case", () => {
  async function rectified(origin: number) {
    const c = await cases.raiseCase(ctx.db, {
      actor: systemActor('test.job'),
      origin: { type: 'household_lead', id: origin },
      case: body({ unitId: wuyeUnit, deadline: daysFromNow(2) }),
    });
    const current = (await wuye.get(`/api/cases/${c.caseId}`)).json();
    const submitted = await wuye.post(`/api/cases/${c.caseId}/transitions`, { action: 'submit', version: current.version, note: '已整改' });
    expect(submitted.statusCode, submitted.body).toBe(200);
    return { caseId: c.caseId, code: c.code, version: submitted.json().version as number };
  }

  test('closing and reopening call its handlers with the case, the outcome and the actor', async () => {
    const { caseId, code, version } = await rectified(9101);
    const { calls, origins } = recorder();
    const actor = userActor(inspectorUser);
    await cases.transition(ctx.db, origins, { actor, caseId, body: { action: 'verify', version, outcome: 'fixed', attachmentIds: [] } });
    await cases.transition(ctx.db, origins, { actor, caseId, body: { action: 'reopen', version: version + 1, note: '复查仍有问题', attachmentIds: [] } });
    expect(calls).toEqual([
      { on: 'closed', e: { caseId, caseCode: code, originId: 9101, status: 'closed', outcome: 'fixed', actor } },
      { on: 'reopened', e: { caseId, caseCode: code, originId: 9101, status: 'rectifying', outcome: null, actor } },
    ]);
  });

  test("a handler that fails undoes the case's change (one transaction)", async () => {
    const { caseId, version } = await rectified(9102);
    const { origins } = recorder(true);
    await expect(
      cases.transition(ctx.db, origins, { actor: userActor(inspectorUser), caseId, body: { action: 'verify', version, attachmentIds: [] } }),
    ).rejects.toThrow('origin refused');
    const after = (await inspector.get(`/api/cases/${caseId}`)).json();
    expect(after.status).toBe('pending_verify');
    expect(after.events.map((e: { action: string }) => e.action)).not.toContain('verify');
  });

  test("a citizen's reopen is the citizen's: no user, the report named, the window enforced", async () => {
    const { caseId, version } = await rectified(9103);
    const { calls, origins } = recorder();
    await cases.transition(ctx.db, origins, { actor: userActor(inspectorUser), caseId, body: { action: 'verify', version, attachmentIds: [] } });
    const input = { caseId, version: version + 1, windowDays: 7, deadline: null, note: '没修好' };
    await expect(cases.reopenByCitizen(ctx.db, origins, 77, { ...input, version })).rejects.toMatchObject({ code: 'STALE_VERSION' });
    await expect(cases.reopenByCitizen(ctx.db, origins, 77, { ...input, windowDays: -1 })).rejects.toMatchObject({ code: 'REPORT_REOPEN_NOT_ALLOWED' });
    const change = await cases.reopenByCitizen(ctx.db, origins, 77, input);
    expect(change.after).toMatchObject({ status: 'rectifying' });
    const events = (await inspector.get(`/api/cases/${caseId}`)).json().events;
    expect(events.at(-1)).toMatchObject({ action: 'reopen', actorId: null, actorKind: 'citizen', actorRef: 'citizen_report:77', actorName: '群众' });
    expect(calls.at(-1)).toMatchObject({ on: 'reopened', e: { actor: { kind: 'citizen', reportId: 77 } } });
  });
});
