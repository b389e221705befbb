/**
 * The queries of a household's timeline: one UNION ALL over every table that records something
 * done to or for the household (registration, member moves, income, 三保障 checks, screening
 * flags, lead events and 识别/消除 milestones, measures, funds, visits, archive scans, supervision
 * cases), newest first,
 * in keyset pages. Each branch gives the same columns: kind, rank (orders kinds at one instant and
 * tells a flag's raising from its resolution), a row key, the instant, the day (for events
 * recorded with a date only), the actor and the facts as JSON. The caller checks the household's
 * scope first; leads and cases are scoped again by their own area.
 */
import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TTimelineKind } from '../../../shared/contracts/households.js';
import type { Db } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import { caseView } from '../../db/schema/case-view.js';
import { householdLeads } from '../../db/schema/index.js';
import { scopeCondition } from '../../lib/scope.js';
import type { TUser } from '../../lib/types.js';
import { ARCHIVE_OWNER_TYPE } from './archives.repo.js';

/** Where a page starts: strictly older than this (instant in µs, rank, row key). */
export interface TTimelineCursor {
  atUs: string;
  rank: number;
  rowKey: string;
}

/** One event as the query returns it; `data` holds the kind's own facts. */
export interface TTimelineRow {
  kind: TTimelineKind;
  rank: number;
  rowKey: string;
  /** ISO instant (UTC). */
  at: string;
  /** Microseconds since the epoch, as text (the cursor). */
  atUs: string;
  on: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
}

// The zone is UTC+8 without daylight saving (lib/time.ts); arithmetic on UTC needs no tz database.
const zoneDay = (ts: SQL) => sql`((${ts} at time zone 'UTC') + interval '8 hours')::date`;
/**
 * The instant of an event recorded with a day (`on`) and the time it was entered (`rec`): the
 * entry time when it was entered that day, else noon of the day, so a visit typed in days later
 * still sits on the day it happened.
 */
const placed = (on: SQL, rec: SQL) =>
  sql`case when ${zoneDay(rec)} = ${on} then ${rec} else ((${on})::timestamp + interval '4 hours') at time zone 'UTC' end`;
/** A numeric id as a text key that sorts like the number. */
const key = (id: SQL) => sql`lpad((${id})::text, 20, '0')`;

/** The branches of the union, by kind; their columns are named by `union`. */
function branches(h: number, user: TUser): Record<TTimelineKind, SQL> {
  const leadInScope = scopeCondition(user, { areaCode: alias(householdLeads, 'l').areaCode });
  const caseInScope = scopeCondition(user, { areaCode: alias(caseView, 'c').areaCode });
  // The day the household's record begins: created, or its first 建档登记 when that is earlier
  // (records carried over from before the platform).
  const firstDay = sql`least(${zoneDay(sql`hh.created_at`)},
    (select min(mv.moved_on) from member_moves mv where mv.to_household_id = hh.id and mv.kind = 'registered'))`;
  const measureDay = sql`least(ms.start_on, ${zoneDay(sql`ms.created_at`)})`;
  return {
    registered: sql`
      select 'registered', 1, ${key(sql`hh.id`)}, ${placed(firstDay, sql`hh.created_at`)}, ${firstDay}, null::int, null::text,
             jsonb_build_object('code', hh.code)
      from households hh where hh.id = ${h}`,
    // Members moved together (the same move, day, other household, note and person: a family
    // registered or imported at once) are one event naming them all.
    member: sql`
      select 'member', 2, ${key(sql`min(x.id)`)}, ${placed(sql`x.moved_on`, sql`min(x.at)`)}, x.moved_on, x.actor_id, null,
             jsonb_build_object('memberNames', jsonb_agg(x.name order by x.id), 'move', x.kind, 'isIn', x.is_in, 'otherCode', x.other_code, 'note', x.note)
      from (
        select mv.id, mv.kind, mv.moved_on, mv.at, mv.actor_id, mv.note, m.name, mv.to_household_id = ${h} as is_in,
               o.code as other_code, ${zoneDay(sql`mv.at`)} as day
        from member_moves mv
        join household_members m on m.id = mv.member_id
        left join households o on o.id = case when mv.to_household_id = ${h} then mv.from_household_id else mv.to_household_id end
        where mv.from_household_id = ${h} or mv.to_household_id = ${h}
      ) x
      group by x.kind, x.moved_on, x.actor_id, x.note, x.is_in, x.other_code, x.day`,
    income: sql`
      select 'income', 3, ${key(sql`i.id`)}, i.recorded_at, null::date, i.recorded_by_id, null,
             jsonb_build_object('year', i.year, 'perCapita', i.per_capita, 'netIncome', i.net_income, 'householdSize', i.household_size)
      from household_incomes i where i.household_id = ${h}`,
    // One event per save of the form: the items written together share their time and author.
    guarantee: sql`
      select 'guarantee', 4, ${key(sql`min(g.id)`)}, g.checked_at, null::date, g.checked_by_id, null,
             jsonb_build_object('year', g.year, 'items', jsonb_agg(jsonb_build_object('item', g.item, 'status', g.status, 'note', g.note) order by g.id))
      from household_guarantees g where g.household_id = ${h}
      group by g.year, g.checked_at, g.checked_by_id`,
    flag: sql`
      select 'flag', 5, ${key(sql`f.id`)}, f.raised_at, null::date, null::int, '系统筛查',
             jsonb_build_object('isResolved', false, 'rule', f.rule, 'year', f.year, 'message', f.message)
      from screening_flags f where f.household_id = ${h}
      union all
      select 'flag', 6, ${key(sql`f.id`)}, f.resolved_at, null::date, null::int, '系统筛查',
             jsonb_build_object('isResolved', true, 'rule', f.rule, 'year', f.year, 'message', f.message)
      from screening_flags f where f.household_id = ${h} and f.resolved_at is not null`,
    lead: sql`
      select 'lead', 7, ${key(sql`e.id`)}, e.at, null::date, e.actor_id, null,
             jsonb_build_object('leadId', l.id, 'leadCode', l.code, 'leadKind', l.kind, 'channel', l.channel, 'department', l.department,
                                'action', e.action, 'step', e.step, 'toStatus', e.to_status, 'note', e.note, 'data', e.data,
                                'personName', l.person_name, 'idNumber', l.id_number)
      from household_lead_events e join household_leads l on l.id = e.lead_id
      where l.household_id = ${h} and ${leadInScope}`,
    // 识别纳入 / 风险消除 dates of the household kept without a completed procedure on the platform
    // (records carried over, or set on the form): the milestones the procedure would have given.
    milestone: sql`
      select 'milestone', 13, ${key(sql`hh.id`)}, (hh.identified_at::timestamp + interval '4 hours') at time zone 'UTC', hh.identified_at, null::int, null::text,
             jsonb_build_object('isElimination', false, 'category', hh.monitoring_category, 'riskTypes', hh.risk_types)
      from households hh
      where hh.id = ${h} and hh.identified_at is not null
        and not exists (select 1 from household_leads l where l.household_id = hh.id and l.kind = 'identification' and l.status = 'completed')
      union all
      select 'milestone', 14, ${key(sql`hh.id`)}, (hh.risk_eliminated_at::timestamp + interval '4 hours') at time zone 'UTC', hh.risk_eliminated_at, null::int, null::text,
             jsonb_build_object('isElimination', true)
      from households hh
      where hh.id = ${h} and hh.risk_eliminated_at is not null
        and not exists (select 1 from household_leads l where l.household_id = hh.id and l.kind = 'elimination' and l.status = 'completed')`,
    measure: sql`
      select 'measure', 8, ${key(sql`ms.id`)}, ${placed(measureDay, sql`ms.created_at`)}, ${measureDay}, ms.created_by_id, null,
             jsonb_build_object('type', ms.type, 'content', ms.content, 'amount', ms.amount, 'startOn', ms.start_on, 'endOn', ms.end_on,
                                'status', ms.status, 'unitName', ms.unit_name)
      from household_measures ms where ms.household_id = ${h}`,
    fund: sql`
      select 'fund', 9, ${key(sql`f.id`)}, ${placed(sql`f."on"`, sql`f.recorded_at`)}, f."on", f.recorded_by_id, null,
             jsonb_build_object('fundKind', f.kind, 'amount', f.amount, 'note', f.note, 'measureType', ms.type, 'measureContent', ms.content)
      from household_measure_funds f join household_measures ms on ms.id = f.measure_id
      where ms.household_id = ${h}`,
    visit: sql`
      select 'visit', 10, ${key(sql`v.id`)}, ${placed(sql`v.visited_on`, sql`v.created_at`)}, v.visited_on, null::int, v.visitor_name,
             jsonb_build_object('findings', v.findings, 'photos', cardinality(v.attachment_ids), 'hasProblem', v.has_problem, 'caseId', vc.id)
      from household_visits v
      left join case_view vc on vc.origin_type = 'household_visit' and vc.origin_id = v.id
      where v.household_id = ${h}`,
    // Scans filed by one person on one day are one event (a document is often several pages).
    archive: sql`
      select 'archive', 11, min(a.id::text), min(a.created_at), null::date, a.uploaded_by_id, null,
             jsonb_build_object('docs', jsonb_agg(distinct a.kind), 'files', count(*))
      from attachments a
      where a.owner_type = ${ARCHIVE_OWNER_TYPE} and a.owner_id = ${String(h)}
      group by ${zoneDay(sql`a.created_at`)}, a.uploaded_by_id`,
    case: sql`
      select 'case', 12, ${key(sql`c.id`)}, c.created_at, null::date, c.created_by_id, null,
             jsonb_build_object('caseId', c.id, 'code', c.code, 'title', c.title, 'status', c.status, 'originType', c.origin_type)
      from case_view c
      where ((c.origin_type = 'household_visit' and c.origin_id in (select v.id from household_visits v where v.household_id = ${h}))
          or (c.origin_type = 'household_lead' and c.origin_id in (select l.id from household_leads l where l.household_id = ${h})))
        and ${caseInScope}`,
  };
}

function union(h: number, user: TUser, kinds: readonly TTimelineKind[]): SQL {
  const all = branches(h, user);
  return sql.join(
    kinds.map((k) => sql`select * from (${all[k]}) b(kind, rank, row_key, at, on_day, actor_id, actor_name, data)`),
    sql` union all `,
  );
}

/**
 * One page of a household's events, newest first (instant, then rank and row key, descending);
 * `limit + 1` rows are read so the caller knows whether an older page exists.
 */
export async function findTimelineEvents(
  db: Db,
  user: TUser,
  o: { householdId: number; kinds: readonly TTimelineKind[]; before: TTimelineCursor | null; limit: number },
): Promise<TTimelineRow[]> {
  if (!o.kinds.length) return [];
  const after = o.before ? sql`where (t.at_us, t.rank, t.row_key) < (${o.before.atUs}::bigint, ${o.before.rank}::int, ${o.before.rowKey} collate "C")` : sql``;
  return rowsOf<TTimelineRow>(
    await db.execute(sql`
      select t.kind, t.rank, t.row_key as "rowKey", t.at_us::text as "atUs",
             to_char(t.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, t.on_day::text as "on",
             coalesce(t.actor_name, u.display_name) as "actorName", t.data
      from (
        select e.*, floor(extract(epoch from e.at) * 1000000)::bigint as at_us
        from (${union(o.householdId, user, o.kinds)}) e
      ) t
      left join users u on u.id = t.actor_id
      ${after}
      order by t.at_us desc, t.rank desc, t.row_key collate "C" desc
      limit ${o.limit + 1}`),
  );
}

/** How many events of these kinds the household has. */
export async function countTimelineEvents(db: Db, user: TUser, o: { householdId: number; kinds: readonly TTimelineKind[] }): Promise<number> {
  if (!o.kinds.length) return 0;
  const [r] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from (${union(o.householdId, user, o.kinds)}) e`));
  return r?.n ?? 0;
}
