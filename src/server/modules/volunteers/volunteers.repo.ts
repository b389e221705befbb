/** Queries of volunteers, every read scoped to the user's area subtree through the team. */
import { and, asc, between, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { areas } from '../../db/schema/core.js';
import { volunteerActivities, volunteerMembers, volunteerTeams } from '../../db/schema/volunteers.js';
import { scopeCondition } from '../../lib/scope.js';
import type { TUser } from '../../lib/types.js';

const inScope = (user: TUser) => scopeCondition(user, { areaCode: volunteerTeams.areaCode });

const teamColumns = {
  id: volunteerTeams.id,
  name: volunteerTeams.name,
  areaId: volunteerTeams.areaId,
  areaName: areas.name,
  leaderName: volunteerTeams.leaderName,
  leaderPhone: volunteerTeams.leaderPhone,
  isActive: volunteerTeams.isActive,
  memberCount: sql<number>`(select count(*)::int from ${volunteerMembers} m where m.team_id = ${volunteerTeams.id} and m.is_active)`,
};

/** Teams in scope, by name. */
export async function findTeams(db: Db, user: TUser) {
  return db.select(teamColumns).from(volunteerTeams).innerJoin(areas, eq(areas.id, volunteerTeams.areaId)).where(inScope(user)).orderBy(asc(volunteerTeams.name));
}
/** A team as listed. */
export type TTeamRecord = Awaited<ReturnType<typeof findTeams>>[number];

/** One team in scope, or null. */
export async function findTeam(db: Db, user: TUser, id: number): Promise<TTeamRecord | null> {
  const [row] = await db
    .select(teamColumns)
    .from(volunteerTeams)
    .innerJoin(areas, eq(areas.id, volunteerTeams.areaId))
    .where(and(eq(volunteerTeams.id, id), inScope(user)))
    .limit(1);
  return row ?? null;
}

/** One area by id (shared with every module). */
export { findAreaById as findArea } from '../../db/areas.repo.js';

/** Inserts a team; returns its id. */
export async function insertTeam(db: Db, values: typeof volunteerTeams.$inferInsert) {
  const [row] = await db.insert(volunteerTeams).values(values).returning({ id: volunteerTeams.id });
  return row.id;
}

/** Updates a team. */
export async function updateTeam(db: Db, id: number, patch: Partial<typeof volunteerTeams.$inferInsert>) {
  await db.update(volunteerTeams).set({ ...patch, updatedAt: new Date() }).where(eq(volunteerTeams.id, id));
}

/** Members of a team. */
export async function findMembers(db: Db, teamId: number) {
  return db.select().from(volunteerMembers).where(eq(volunteerMembers.teamId, teamId)).orderBy(asc(volunteerMembers.id));
}

/** Inserts a member; returns the row. */
export async function insertMember(db: Db, values: typeof volunteerMembers.$inferInsert) {
  const [row] = await db.insert(volunteerMembers).values(values).returning();
  return row;
}

/** Deactivates a member of a team; false when absent. */
export async function deactivateMember(db: Db, teamId: number, id: number) {
  const rows = await db
    .update(volunteerMembers)
    .set({ isActive: false })
    .where(and(eq(volunteerMembers.id, id), eq(volunteerMembers.teamId, teamId)))
    .returning({ id: volunteerMembers.id });
  return rows.length === 1;
}

/** How many of `ids` are active members of the team. */
export async function countTeamMembers(db: Db, teamId: number, ids: number[]) {
  if (!ids.length) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(volunteerMembers)
    .where(and(eq(volunteerMembers.teamId, teamId), inArray(volunteerMembers.id, ids), eq(volunteerMembers.isActive, true)));
  return row.n;
}

/** Inserts an activity; returns its id. */
export async function insertActivity(db: Db, values: typeof volunteerActivities.$inferInsert) {
  const [row] = await db.insert(volunteerActivities).values(values).returning({ id: volunteerActivities.id });
  return row.id;
}

/** Activities of a team, newest first. */
/** The activities among `ids` whose team lies in the user's area (attachment access). */
export async function findActivityIdsInScope(db: Db, user: TUser, ids: readonly number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await db
    .select({ id: volunteerActivities.id })
    .from(volunteerActivities)
    .innerJoin(volunteerTeams, eq(volunteerTeams.id, volunteerActivities.teamId))
    .where(and(inArray(volunteerActivities.id, [...ids]), inScope(user)));
  return rows.map((r) => r.id);
}

export async function findActivities(db: Db, teamId: number) {
  return db.select().from(volunteerActivities).where(eq(volunteerActivities.teamId, teamId)).orderBy(desc(volunteerActivities.day), desc(volunteerActivities.id));
}

/** Hours and activities per team in scope for a period (zone dates, inclusive). */
export async function sumHoursByTeam(db: Db, user: TUser, from: string, to: string) {
  return db
    .select({
      teamId: volunteerTeams.id,
      teamName: volunteerTeams.name,
      areaName: areas.name,
      activities: sql<number>`count(${volunteerActivities.id})::int`,
      hours: sql<number>`coalesce(sum(${volunteerActivities.totalHours}), 0)::float8`,
    })
    .from(volunteerTeams)
    .innerJoin(areas, eq(areas.id, volunteerTeams.areaId))
    .leftJoin(volunteerActivities, and(eq(volunteerActivities.teamId, volunteerTeams.id), between(volunteerActivities.day, from, to)))
    .where(inScope(user))
    .groupBy(volunteerTeams.id, volunteerTeams.name, areas.name)
    .orderBy(sql`5 desc`, asc(volunteerTeams.name));
}
