/**
 * Household statistics by township and village (统计分析): the registry's size, 户类型, monitored
 * households by category, eliminations this year, leads in progress and overdue, open screening
 * flags, and the latest year's average 人均纯收入 with the share below the monitoring line.
 * Counts come set-based per village from the repository; townships and totals are summed here.
 */
import type { THouseholdStats, THouseholdStatsFigures } from '../../../shared/contracts/households-work.js';
import type { Db } from '../../db/client.js';
import { addDays, zoneDate } from '../../lib/time.js';
import type { TUser } from '../../lib/types.js';
import { canReadHouseholds } from './households.policy.js';
import * as repo from './households.stats.repo.js';
import { getProcedureSettings } from './leads.service.js';

/** Figures with nothing counted. */
function emptyFigures(): THouseholdStatsFigures {
  return {
    households: 0,
    members: 0,
    byType: { ordinary: 0, lifted: 0, monitored: 0 },
    monitored: 0,
    monitoredByCategory: { unstable: 0, marginal: 0, sudden: 0 },
    eliminatedThisYear: 0,
    leadsInProgress: 0,
    leadsOverdue: 0,
    openFlags: 0,
    flaggedHouseholds: 0,
    withIncome: 0,
    avgPerCapita: null,
    belowLine: 0,
    belowLineShare: null,
  };
}

/** Raw sums per area, before averages and shares are derived. */
type TSums = THouseholdStatsFigures & { sumPerCapita: number };

function addInto(into: TSums, f: TSums) {
  into.households += f.households;
  into.members += f.members;
  into.byType.ordinary += f.byType.ordinary;
  into.byType.lifted += f.byType.lifted;
  into.byType.monitored += f.byType.monitored;
  into.monitored += f.monitored;
  into.monitoredByCategory.unstable += f.monitoredByCategory.unstable;
  into.monitoredByCategory.marginal += f.monitoredByCategory.marginal;
  into.monitoredByCategory.sudden += f.monitoredByCategory.sudden;
  into.eliminatedThisYear += f.eliminatedThisYear;
  into.leadsInProgress += f.leadsInProgress;
  into.leadsOverdue += f.leadsOverdue;
  into.openFlags += f.openFlags;
  into.flaggedHouseholds += f.flaggedHouseholds;
  into.withIncome += f.withIncome;
  into.belowLine += f.belowLine;
  into.sumPerCapita += f.sumPerCapita;
}

/** Figures for the answer: the average and the share derived from the sums. */
function present({ sumPerCapita, ...f }: TSums): THouseholdStatsFigures {
  return {
    ...f,
    avgPerCapita: f.withIncome ? Math.round(sumPerCapita / f.withIncome) : null,
    belowLineShare: f.withIncome ? Math.round((f.belowLine / f.withIncome) * 1000) / 1000 : null,
  };
}

/**
 * Statistics of the households in the caller's scope (optionally under one area), per township
 * with its villages. Village and community rows are listed even when they hold no household.
 */
export async function getHouseholdStats(db: Db, user: TUser, areaPrefix: string | null): Promise<THouseholdStats> {
  const settings = await getProcedureSettings(db);
  const today = zoneDate();
  const yearStart = `${today.slice(0, 4)}-01-01`;
  if (!canReadHouseholds(user)) {
    return { year: null, incomeLine: null, limitDays: settings.identificationLimitDays, totals: emptyFigures(), townships: [] };
  }
  const o = { areaPrefix };
  const [villages, counts, year, leads, flags] = await Promise.all([
    repo.findStatsVillages(db, user, o),
    repo.countHouseholdsByVillage(db, user, { ...o, yearStart }),
    repo.findLatestIncomeYear(db, user, o),
    repo.countLeadsByVillage(db, user, { ...o, overdueBefore: addDays(today, -settings.identificationLimitDays) }),
    repo.countOpenFlagsByVillage(db, user, o),
  ]);
  const [incomes, incomeLine] = year == null ? [[], null] : await Promise.all([repo.sumIncomeByVillage(db, user, { ...o, year }), repo.findZoneLine(db, year)]);

  const byVillage = new Map<number, TSums>(villages.map((v) => [v.areaId, { ...emptyFigures(), sumPerCapita: 0 }]));
  const at = (areaId: number) => byVillage.get(areaId);
  for (const c of counts) {
    const f = at(c.areaId);
    if (!f) continue;
    Object.assign(f, {
      households: c.households,
      members: c.members,
      byType: { ordinary: c.ordinary, lifted: c.lifted, monitored: c.monitoredType },
      monitored: c.monitored,
      monitoredByCategory: { unstable: c.unstable, marginal: c.marginal, sudden: c.sudden },
      eliminatedThisYear: c.eliminated,
    });
  }
  for (const l of leads) {
    const f = at(l.areaId);
    if (f) Object.assign(f, { leadsInProgress: l.inProgress, leadsOverdue: l.overdue });
  }
  for (const x of flags) {
    const f = at(x.areaId);
    if (f) Object.assign(f, { openFlags: x.flags, flaggedHouseholds: x.households });
  }
  for (const i of incomes) {
    const f = at(i.areaId);
    if (f) Object.assign(f, { withIncome: i.withIncome, sumPerCapita: Number(i.sumPerCapita), belowLine: i.belowLine });
  }

  const totals: TSums = { ...emptyFigures(), sumPerCapita: 0 };
  const townships = new Map<number, { areaId: number; areaName: string; sums: TSums; villages: THouseholdStats['townships'][number]['villages'] }>();
  for (const v of villages) {
    const f = byVillage.get(v.areaId)!;
    const t = townships.get(v.townshipId) ?? { areaId: v.townshipId, areaName: v.townshipName, sums: { ...emptyFigures(), sumPerCapita: 0 }, villages: [] };
    townships.set(v.townshipId, t);
    addInto(t.sums, f);
    addInto(totals, f);
    t.villages.push({ areaId: v.areaId, areaName: v.areaName, ...present(f) });
  }
  return {
    year,
    incomeLine,
    limitDays: settings.identificationLimitDays,
    totals: present(totals),
    townships: [...townships.values()].map((t) => ({ areaId: t.areaId, areaName: t.areaName, ...present(t.sums), villages: t.villages })),
  };
}
