/**
 * What a domain module contributes to the zone-wide views — the city brain, the home page, the
 * oversight workspace (纪检监督) and the digests — declared in its manifest (`indicators`,
 * `signals`). Those views read only these declarations through `app.modules`; none imports a
 * module's internals, so a new module appears everywhere by declaring its part.
 *
 * - An **indicator** is a figure: a name, a unit, how it is computed for a scope and a period (in
 *   words, shown beside the figure, and as code), its value per area for rankings and the map, and
 *   the list it drills down to. The list, opened with the drill's query by the same user, shows
 *   exactly `total` rows: tests hold every indicator to it.
 * - An **oversight signal** is a rule over a module's records that points at a unit or a person
 *   (不作为: something not done in time; 乱作为 / 形式主义: something done in a way that should not
 *   be): its counts by unit, and its hits, each explaining itself with its numbers and linking to
 *   the records behind it.
 *
 * Both read in the caller's scope (`TScope`: a township's user sees only its township) and answer
 * in SQL aggregates, so a count over a million cases stays cheap.
 */
import type { Db } from '../db/client.js';
import type { TScope } from './actor.js';
import type { TUser } from './types.js';

/** A period of zone dates (UTC+8), both ends included, as YYYY-MM-DD. */
export interface TPeriod {
  from: string;
  to: string;
}

/** The list a figure drills down to: a web path and its query string. */
export interface TDrill {
  path: string;
  query: Record<string, string>;
}

/** What an indicator is computed for. */
export interface TIndicatorQuery {
  scope: TScope;
  period: TPeriod;
  /** Also answer the value per area one or two levels below the zone: townships or villages. */
  byArea?: 'township' | 'village';
  now: Date;
}

/** An indicator's value: the total over the scope, and per area when asked. */
export interface TIndicatorValue {
  total: number;
  /** areaId → value, for the areas at the asked level inside the scope (absent areas are 0). */
  byArea?: ReadonlyMap<number, number>;
}

/** A figure a module offers. Its full key is `<module>.<key>`. */
export interface TIndicator {
  key: string;
  /** Chinese name, as the figure's caption: '逾期督办事项'. */
  label: string;
  /** Chinese unit: '件', '户', '个', '%'. */
  unit: string;
  /** How it is computed, in Chinese words, shown beside the figure. */
  how: string;
  /** Which way is good, for colouring rankings and the map. */
  better: 'higher' | 'lower' | 'neutral';
  /** A headline figure of the brain and the home page (others show in the module's panel). */
  headline?: boolean;
  /** Whether `user` may see the figure at all (default: any signed-in user, in their scope). */
  visible?: (user: TUser) => boolean;
  compute: (db: Db, q: TIndicatorQuery) => Promise<TIndicatorValue>;
  /** The list behind the figure, for the same period (and area when given). */
  drill: (q: { period: TPeriod; areaId?: number }) => TDrill;
}

/** A record a signal points at, with the web page that shows it. */
export interface TSignalRecord {
  type: string;
  id: number;
  label: string;
  path: string;
}

/** One finding of a signal. */
export interface TSignalHit {
  /** The unit answerable (null when the finding is about a person without a unit). */
  unitId: number | null;
  /** The person answerable, when the rule is about a person (who verified their own assignment). */
  userId?: number | null;
  areaId: number | null;
  /** Why, in Chinese words with the numbers: '逾期 12 天（期限 2026-11-20），已退回 3 次'. */
  explain: string;
  /** When the finding arose (ISO timestamp), for ordering and the monthly report. */
  at: string;
  records: readonly TSignalRecord[];
}

/** What a signal is evaluated for. */
export interface TSignalQuery {
  scope: TScope;
  now: Date;
}

/** A rule a module raises oversight findings by. Its full key is `<module>.<key>`. */
export interface TOversightSignal {
  key: string;
  /** Chinese name: '督办事项逾期'. */
  label: string;
  /** 不作为 (inaction) or 乱作为 / 形式主义 (misconduct). */
  category: 'inaction' | 'misconduct';
  severity: 'notice' | 'warning' | 'serious';
  /** The rule in Chinese words, with its thresholds: '超过期限仍未整改完成的督办事项'. */
  rule: string;
  /** Findings per answerable unit (null: findings without a unit), in SQL. */
  countByUnit: (db: Db, q: TSignalQuery) => Promise<readonly { unitId: number | null; count: number }[]>;
  /** The findings, newest first; `unitId` narrows to one unit (null: those without a unit). */
  list: (db: Db, q: TSignalQuery & { unitId?: number | null; limit: number; offset: number }) => Promise<readonly TSignalHit[]>;
}

/** A contribution as the registry holds it: with its module and full key. */
export type TContributed<T> = T & { module: string; fullKey: string };
