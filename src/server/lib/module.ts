/**
 * The module manifest: everything a module adds to the platform, declared in one place of its
 * own (`modules/<name>/<name>.module.ts`) and collected by `buildApp`. Adding a module is adding
 * its folder and one line to `modules/index.ts`; nothing outside it needs editing.
 *
 * A manifest declares
 * - its routes (Fastify plugins under prefixes);
 * - its abilities (`defineAbilities` in its policy), sent to the UI with `/api/auth/me`;
 * - the case origins it raises (from `CASE_ORIGINS`), with what happens to the origin record
 *   when its case closes or reopens (run in the transaction of the case's change);
 * - the attachment owner types it links files to, each with a bulk read check (the ids of a set
 *   the user may read, in one query) and whether its files are published;
 * - its scheduled jobs (run once per period across instances, listed at `/api/admin/jobs`);
 * - its parts of a subject's timeline (e.g. a household's);
 * - its indicators (figures for the city brain and the home page) and oversight signals (rules
 *   the 纪检监督 workspace shows), see contributions.ts.
 */
import type { SQL } from 'drizzle-orm';
import { ABILITIES, type TAbilities } from '../../shared/contracts/abilities.js';
import { CASE_ORIGINS, CASE_ORIGIN_TYPES, type TCaseOriginType } from '../../shared/domain/case-origins.js';
import type { Db } from '../db/client.js';
import type { TAnyAbilitySet } from './abilities.js';
import type { TContributed, TIndicator, TOversightSignal } from './contributions.js';
import type { TBaseSeed } from '../seed/base.js';
import type { TActor, TScope, TSystemActor } from './actor.js';
import type { TStorage } from './storage.js';
import type { TApp, TUser } from './types.js';

/** A route plugin of a module and the prefix it is registered under. */
export interface TModuleRoutes {
  prefix: string;
  plugin: (app: TApp) => Promise<void>;
}

/** What an origin's owner is told when its case closes or reopens. */
export interface TCaseOriginEvent {
  /** The transaction of the case's change: write through it, or the change is not atomic. */
  db: Db;
  caseId: number;
  caseCode: string;
  originId: number;
  /** The case's status after the change ('closed' or 'cancelled' when closing). */
  status: string;
  /** The closing outcome (fixed, unfounded, …), null on reopen. */
  outcome: string | null;
  actor: TActor;
}

/** What a module does with its origin records when their cases close or reopen. */
export interface TCaseOriginHandlers {
  onCaseClosed?: (e: TCaseOriginEvent) => Promise<void>;
  onCaseReopened?: (e: TCaseOriginEvent) => Promise<void>;
}

/** An attachment owner type: who may read its files, and whether they are published. */
export interface TAttachmentOwner {
  /**
   * The owner ids among `ownerIds` that `user` may see (their records in scope), resolved in one
   * query; files of any other owner are 404 for them, all copies alike.
   */
  readableIds: (db: Db, user: TUser, ownerIds: readonly string[]) => Promise<ReadonlySet<string>>;
  /** The EXIF-free public copy and the thumbnail may be shown to anyone (citizens' photos). */
  isPublished?: boolean;
}

/** A record another module may be inspected at (a clinic, a site): where it is and who answers for it. */
export interface TInspectionSubjectFacts {
  areaId: number;
  /** The name shown as the inspection's place. */
  name: string;
  lat: number | null;
  lng: number | null;
  /** The unit a failed item's case goes to when the item names none. */
  unitId: number | null;
}

/** An inspection subject type a module declares: the record, as the inspector may see it (null outside scope). */
export interface TInspectionSubject {
  label: string;
  find: (db: Db, user: TUser, id: number) => Promise<TInspectionSubjectFacts | null>;
}

/** What a scheduled job is given: the database, and the system actor it acts as. */
export interface TJobContext {
  db: Db;
  actor: TSystemActor;
  modules: TModuleRegistry;
}

/**
 * A scheduled job of a module: name (as kept in job_runs), Chinese label, when, and the work.
 * Daily at a zone time (`hour`, `minute`), or every `everyMinutes` minutes counted from zone
 * midnight (a divisor of a day: 5, 15, 60 …); each day's or period's run is claimed once across
 * instances.
 */
export interface TModuleJob {
  name: string;
  label: string;
  hour?: number;
  minute?: number;
  everyMinutes?: number;
  run: (ctx: TJobContext) => Promise<Record<string, unknown>>;
}

/**
 * One kind of event a module contributes to a subject's timeline: a SELECT branch of the
 * timeline's UNION ALL (the subject module documents the columns it expects) and how the kind's
 * facts are worded.
 */
export interface TTimelineKind<TWorded = unknown> {
  branch: (subjectId: number, scope: TScope) => SQL;
  word: (data: Record<string, unknown>) => TWorded;
}

/** A module's parts of one subject's timeline (e.g. subject 'household'). */
export interface TTimelineContribution<TWorded = unknown> {
  subject: string;
  kinds: Record<string, TTimelineKind<TWorded>>;
}

/** What a module's demo data is seeded with: the demo zone's skeleton (areas, units, accounts) and its clock. */
export interface TDemoContext {
  db: Db;
  base: TBaseSeed;
  now: Date;
  storage?: TStorage;
}

/** A module's declaration. */
export interface TModule {
  /** Its name, as the folder's. */
  name: string;
  routes?: readonly TModuleRoutes[];
  /** Its abilities: one set, or one per area of work (a module with sub-modules). */
  abilities?: TAnyAbilitySet | readonly TAnyAbilitySet[];
  caseOrigins?: Partial<Record<TCaseOriginType, TCaseOriginHandlers>>;
  attachmentOwners?: Record<string, TAttachmentOwner>;
  jobs?: readonly TModuleJob[];
  timeline?: readonly TTimelineContribution[];
  /** The record types of this module that may be inspected with a checklist (现场检查 / 暗访). */
  inspectionSubjects?: Record<string, TInspectionSubject>;
  /** Its figures for the city brain, the home page and the digests. */
  indicators?: readonly TIndicator[];
  /** Its oversight rules for the 纪检监督 workspace, the monthly report and the digests. */
  signals?: readonly TOversightSignal[];
  /**
   * Its demo data, written after the platform's own demo content on a fresh demo database
   * (in modules/index.ts order); returns counts for the seed's report.
   */
  seedDemo?: (ctx: TDemoContext) => Promise<Record<string, number> | undefined>;
}

/** Declares a module (an identity function, for the types). */
export function defineModule(m: TModule): TModule {
  return m;
}

/** The collected manifests, as the app, the case port, attachments and jobs ask them. */
export interface TModuleRegistry {
  modules: readonly TModule[];
  /** Every module's abilities for `user`. */
  abilitiesFor: (user: TUser) => TAbilities;
  /** The owner's handlers of a case origin type (none when it declares none). */
  caseOrigin: (type: string | null) => TCaseOriginHandlers | undefined;
  /** The declared attachment owner type, or undefined when no module declares it. */
  attachmentOwner: (type: string) => TAttachmentOwner | undefined;
  /** The declared inspection subject type, or undefined. */
  inspectionSubject: (type: string) => TInspectionSubject | undefined;
  /** Every module's scheduled jobs. */
  jobs: readonly TModuleJob[];
  /** Every module's contributions to `subject`'s timeline, by kind. */
  timeline: (subject: string) => Record<string, TTimelineKind>;
  /** Every module's indicators, in module order. */
  indicators: readonly TContributed<TIndicator>[];
  /** Every module's oversight signals, in module order. */
  signals: readonly TContributed<TOversightSignal>[];
}

// The app carries the registry (decorated by buildApp). Declared here rather than in types.ts,
// which module.ts imports: types.ts importing this file back made an import cycle.
declare module 'fastify' {
  interface FastifyInstance {
    /** The collected module manifests (abilities, case origins, attachment owners, jobs). */
    modules: TModuleRegistry;
  }
}

/**
 * Collects manifests into the registry, checking that they fit together: unique names, one
 * declaration per ability module, attachment owner type and job, every case origin owned by
 * exactly the module CASE_ORIGINS names. Throws at startup otherwise.
 */
export function collectModules(modules: readonly TModule[]): TModuleRegistry {
  const fail = (msg: string): never => {
    throw new Error(`module manifests: ${msg}`);
  };
  const names = new Set<string>();
  const abilitySets = new Map<string, TAnyAbilitySet>();
  const origins = new Map<string, { module: string; handlers: TCaseOriginHandlers }>();
  const owners = new Map<string, TAttachmentOwner>();
  const subjects = new Map<string, TInspectionSubject>();
  const jobs: TModuleJob[] = [];
  const timelines = new Map<string, Record<string, TTimelineKind>>();
  const indicators: TContributed<TIndicator>[] = [];
  const signals: TContributed<TOversightSignal>[] = [];
  const keyPattern = /^[a-zA-Z][a-zA-Z0-9]*$/;
  for (const m of modules) {
    if (names.has(m.name)) fail(`two modules are named ${m.name}`);
    names.add(m.name);
    for (const set of m.abilities == null ? [] : Array.isArray(m.abilities) ? m.abilities : [m.abilities as TAnyAbilitySet]) {
      if (abilitySets.has(set.module)) fail(`abilities of ${set.module} are declared twice`);
      abilitySets.set(set.module, set);
    }
    for (const [type, handlers] of Object.entries(m.caseOrigins ?? {})) {
      if (origins.has(type)) fail(`case origin ${type} is declared by ${origins.get(type)!.module} and ${m.name}`);
      origins.set(type, { module: m.name, handlers: handlers ?? {} });
    }
    for (const [type, subject] of Object.entries(m.inspectionSubjects ?? {})) {
      if (subjects.has(type)) fail(`inspection subject ${type} is declared twice`);
      subjects.set(type, subject);
    }
    for (const [type, owner] of Object.entries(m.attachmentOwners ?? {})) {
      if (owners.has(type)) fail(`attachment owner ${type} is declared twice`);
      owners.set(type, owner);
    }
    for (const j of m.jobs ?? []) {
      if (jobs.some((x) => x.name === j.name)) fail(`job ${j.name} is declared twice`);
      if ((j.hour == null) === (j.everyMinutes == null)) fail(`job ${j.name} needs either an hour or everyMinutes`);
      if (j.everyMinutes != null && !(Number.isInteger(j.everyMinutes) && j.everyMinutes > 0 && 1440 % j.everyMinutes === 0)) {
        fail(`job ${j.name}: everyMinutes must divide a day`);
      }
      jobs.push(j);
    }
    for (const t of m.timeline ?? []) {
      const kinds = timelines.get(t.subject) ?? {};
      for (const [kind, k] of Object.entries(t.kinds)) {
        if (kinds[kind]) fail(`timeline kind ${t.subject}.${kind} is declared twice`);
        kinds[kind] = k;
      }
      timelines.set(t.subject, kinds);
    }
    for (const i of m.indicators ?? []) {
      if (!keyPattern.test(i.key)) fail(`indicator ${m.name}.${i.key}: a key is a camelCase word`);
      if (indicators.some((x) => x.module === m.name && x.key === i.key)) fail(`indicator ${m.name}.${i.key} is declared twice`);
      indicators.push({ ...i, module: m.name, fullKey: `${m.name}.${i.key}` });
    }
    for (const s of m.signals ?? []) {
      if (!keyPattern.test(s.key)) fail(`signal ${m.name}.${s.key}: a key is a camelCase word`);
      if (signals.some((x) => x.module === m.name && x.key === s.key)) fail(`signal ${m.name}.${s.key} is declared twice`);
      signals.push({ ...s, module: m.name, fullKey: `${m.name}.${s.key}` });
    }
  }
  for (const type of CASE_ORIGIN_TYPES) {
    const owner = origins.get(type);
    if (!owner) fail(`case origin ${type} is declared by no module`);
    else if (owner.module !== CASE_ORIGINS[type].module) fail(`case origin ${type} belongs to ${CASE_ORIGINS[type].module}, not ${owner.module}`);
  }
  for (const type of origins.keys()) if (!(type in CASE_ORIGINS)) fail(`case origin ${type} is not in CASE_ORIGINS`);
  for (const module of Object.keys(ABILITIES)) if (!abilitySets.has(module)) fail(`abilities of ${module} are declared by no module`);
  const sets = [...abilitySets.values()];
  return {
    modules,
    abilitiesFor: (user) => Object.fromEntries(sets.map((s) => [s.module, s.for(user)])) as TAbilities,
    caseOrigin: (type) => (type ? origins.get(type)?.handlers : undefined),
    attachmentOwner: (type) => owners.get(type),
    inspectionSubject: (type) => subjects.get(type),
    jobs,
    timeline: (subject) => timelines.get(subject) ?? {},
    indicators,
    signals,
  };
}
