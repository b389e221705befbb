/**
 * Who acts, as services see it: a signed-in user, the system (a named scheduled job), or a
 * citizen on a public page. Services that record "who did this" take a `TActor`; services that
 * read in someone's name take a scope. Neither is the HTTP session, so a job or a citizen's
 * page never has to pretend to be a signed-in user.
 */
import type { TRole } from '../../shared/domain/roles.js';
import { AppError } from './app-error.js';
import type { TUser } from './types.js';

/** What a scoped query needs to know of whoever it reads for. */
export type TScope = Pick<TUser, 'role' | 'unitId' | 'areaPrefix'>;

/** The whole zone: what a scheduled job reads and writes across. */
export const ZONE_SCOPE: TScope = Object.freeze({ role: 'admin' as TRole, unitId: null, areaPrefix: '' });

/** A signed-in user acting. */
export interface TUserActor {
  kind: 'user';
  user: TUser;
}

/** A scheduled job acting (its name as kept in job_runs, e.g. 'households.escalation'). */
export interface TSystemActor {
  kind: 'system';
  job: string;
}

/** A citizen acting on a public page, identified by the report they act on. */
export interface TCitizenActor {
  kind: 'citizen';
  reportId: number;
}

export type TActor = TUserActor | TSystemActor | TCitizenActor;

/** The user as an actor. */
export function userActor(user: TUser): TUserActor {
  return { kind: 'user', user };
}

/** A scheduled job as an actor. */
export function systemActor(job: string): TSystemActor {
  return { kind: 'system', job };
}

/** A citizen, acting on their report, as an actor. */
export function citizenActor(reportId: number): TCitizenActor {
  return { kind: 'citizen', reportId };
}

/** The user id to record for the actor (null for the system and citizens). */
export function actorUserId(actor: TActor): number | null {
  return actor.kind === 'user' ? actor.user.id : null;
}

/**
 * The reference kept with an event beside the user id: the job's name, or the citizen's report
 * ('citizen_report:12'); null for a user (the user id says it).
 */
export function actorRef(actor: TActor): string | null {
  switch (actor.kind) {
    case 'user':
      return null;
    case 'system':
      return actor.job;
    case 'citizen':
      return `citizen_report:${actor.reportId}`;
  }
}

/**
 * The scope an actor reads and writes in: a user's own, the whole zone for a job. A citizen has
 * no scope: services acting for one look records up by what the citizen holds (a tracking code).
 */
export function scopeOf(actor: TActor): TScope {
  switch (actor.kind) {
    case 'user':
      return actor.user;
    case 'system':
      return ZONE_SCOPE;
    case 'citizen':
      throw new AppError('FORBIDDEN', '公众用户不能访问内部数据');
  }
}
