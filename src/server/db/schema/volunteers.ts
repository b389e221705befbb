/** Volunteers (志愿者): teams, their members, and activities with hours served. */
import { boolean, date, index, integer, jsonb, numeric, pgTable, serial, text, varchar } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';


/** A volunteer team (志愿服务队) of an area. */
export const volunteerTeams = pgTable(
  'volunteer_teams',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    areaId: integer('area_id').notNull(),
    areaCode: varchar('area_code', { length: 12 }).notNull(),
    leaderName: text('leader_name').notNull().default(''),
    leaderPhone: varchar('leader_phone', { length: 20 }),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('volunteer_teams_area_idx').on(t.areaCode)],
);

/** A member of a team. */
export const volunteerMembers = pgTable(
  'volunteer_members',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id').notNull(),
    name: text('name').notNull(),
    phone: varchar('phone', { length: 20 }),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('volunteer_members_team_idx').on(t.teamId)],
);

/** An activity of a team on a day: where, what, and the hours served (per member or in total). */
export const volunteerActivities = pgTable(
  'volunteer_activities',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    description: text('description').notNull().default(''),
    /** Member ids who took part. */
    memberIds: jsonb('member_ids').$type<number[]>().notNull().default([]),
    /** Hours each participant served (when given per member). */
    hoursPerMember: numeric('hours_per_member', { precision: 6, scale: 1, mode: 'number' }),
    /** Total hours served by the activity (given, or per member × participants). */
    totalHours: numeric('total_hours', { precision: 8, scale: 1, mode: 'number' }).notNull(),
    createdById: integer('created_by_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('volunteer_activities_team_day_idx').on(t.teamId, t.day)],
);
