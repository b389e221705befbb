/**
 * The case port: how every other module raises, moves and reads supervision cases. Nothing
 * outside the cases module touches the `cases` and `case_events` tables; they raise a case with
 * `raiseCase` (a typed origin, an actor), change one with `transition` / `reopenByCitizen`, and
 * read through `caseView` (a database view of the columns they may join on) and the functions
 * below. When a case closes or reopens, the origin's module hears of it through the handlers
 * its manifest declares (`caseOrigins`), in the same transaction.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { OPEN_STATUSES } from '../../../shared/domain/case-machine.js';
import type { TCaseOrigin, TCaseOriginType } from '../../../shared/domain/case-origins.js';
import type { TCreateCaseBody, TTransitionBody } from '../../../shared/contracts/cases.js';
import type { Db } from '../../db/client.js';
import { caseView } from '../../db/schema/case-view.js';
import { caseEvents } from '../../db/schema/cases.js';
import type { TScope, TUserActor } from '../../lib/actor.js';
import { scopeCondition } from '../../lib/scope.js';
import type { TUser } from '../../lib/types.js';
import * as attachments from '../attachments/attachments.port.js';
import * as service from './cases.service.js';

export { caseView };
export { caseAbilities } from './cases.policy.js';
export type { TCaseChange, TCaseOrigins, TCitizenReopenInput, TRaisingActor } from './cases.service.js';

/** What a module passes to raise a case. */
export interface TRaiseCase {
  /** A user in their scope, or the system (a scheduled job) across the zone. */
  actor: service.TRaisingActor;
  /** The record that raised it; a second case for the same origin is refused (DUPLICATE). */
  origin?: TCaseOrigin;
  case: TCreateCaseBody;
  /** Keep a deadline in the past (demo data and imports of history). */
  allowPastDeadline?: boolean;
}

/**
 * Raises a case (assigned at once when a unit and deadline are given). Runs in the caller's
 * transaction when given one, so the origin's own writes commit or fail with the case.
 */
export function raiseCase(db: Db, r: TRaiseCase): Promise<service.TCaseChange & { code: string }> {
  return service.createCase(db, r.actor, r.case, { origin: r.origin, allowPastDeadline: r.allowPastDeadline }) as Promise<
    service.TCaseChange & { code: string }
  >;
}

/** Takes one action of the state machine on a case, as a user (scope 404, rules, 409 on a stale version). */
export function transition(db: Db, origins: service.TCaseOrigins, t: { actor: TUserActor; caseId: number; body: TTransitionBody }) {
  return service.transitionCase(db, origins, t.actor.user, t.caseId, t.body);
}

/** A citizen's "not fixed" on the case their report follows (see cases.service reopenByCitizen). */
export function reopenByCitizen(db: Db, origins: service.TCaseOrigins, reportId: number, input: service.TCitizenReopenInput) {
  return service.reopenByCitizen(db, origins, reportId, input);
}

/** A case as the API shows it (events, attachments, the caller's allowed actions); 404 outside scope. */
export function getCaseDetail(db: Db, user: TUser, id: number) {
  return service.getCaseDetail(db, user, id);
}

/** The columns of a case that other modules read. */
export type TCaseSummary = typeof caseView.$inferSelect;

/** One case in the scope's reach, or null (absent or outside it). */
export async function findCaseInScope(db: Db, scope: TScope, id: number): Promise<TCaseSummary | null> {
  const [row] = await db
    .select()
    .from(caseView)
    .where(and(eq(caseView.id, id), scopeCondition(scope, { areaCode: caseView.areaCode, unitId: caseView.unitId })))
    .limit(1);
  return row ?? null;
}

/** The cases raised by some origin records of one type, by origin id. */
export async function findCasesByOrigin(db: Db, type: TCaseOriginType, originIds: readonly number[]): Promise<Map<number, TCaseSummary>> {
  if (!originIds.length) return new Map();
  const rows = await db
    .select()
    .from(caseView)
    .where(and(eq(caseView.originType, type), inArray(caseView.originId, [...originIds])));
  return new Map(rows.map((r) => [r.originId!, r]));
}

/** A case's events for a public timeline: actions, statuses, times and who kind of actor (never notes). */
export async function findCaseActions(db: Db, caseId: number) {
  return db
    .select({ at: caseEvents.at, action: caseEvents.action, toStatus: caseEvents.toStatus, actorKind: caseEvents.actorKind })
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.at), asc(caseEvents.id));
}

/** The attachment ids of each case's latest rectification (its last `submit` event). */
export async function findLastSubmitAttachmentIds(db: Db, caseIds: readonly number[]): Promise<Map<number, string[]>> {
  if (!caseIds.length) return new Map();
  const rows = await db
    .selectDistinctOn([caseEvents.caseId], { caseId: caseEvents.caseId, attachmentIds: caseEvents.attachmentIds })
    .from(caseEvents)
    .where(and(inArray(caseEvents.caseId, [...caseIds]), eq(caseEvents.action, 'submit')))
    .orderBy(caseEvents.caseId, desc(caseEvents.at), desc(caseEvents.id));
  return new Map(rows.map((s) => [s.caseId, s.attachmentIds]));
}

/** The photos of some cases of the given kinds ('before' found, 'after' rectified), oldest first. */
export async function findCasePhotos(db: Db, caseIds: readonly number[], kinds: readonly ('before' | 'after')[]) {
  const rows = await attachments.findByOwners(db, CASE_OWNER_TYPE, caseIds);
  return rows
    .filter((a) => (kinds as readonly string[]).includes(a.kind) && a.mime.startsWith('image/'))
    .map((a) => ({ id: a.id, caseId: Number(a.ownerId), kind: a.kind as 'before' | 'after', mime: a.mime, thumbKey: a.thumbKey, publicKey: a.publicKey }));
}

/** The owner type of a case's files. */
export const CASE_OWNER_TYPE = 'case';

/** True when the attachment row is a case's rectification photo ('after'); its case id, else null. */
export function afterPhotoCaseId(a: { ownerType: string | null; ownerId: string | null; kind: string }): number | null {
  return a.ownerType === CASE_OWNER_TYPE && a.kind === 'after' && a.ownerId != null ? Number(a.ownerId) : null;
}

/** Open statuses as an SQL list, for conditions on `caseView.status` (`status in ${openStatusList}`). */
export const openStatusList = sql.raw(`(${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`);
