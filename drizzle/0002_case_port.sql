DROP INDEX "cases_origin_idx";--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "origin_type" SET DATA TYPE varchar(32);--> statement-breakpoint
-- Origin ids were kept as text; every origin record's id is an integer.
ALTER TABLE "cases" ALTER COLUMN "origin_id" SET DATA TYPE integer USING "origin_id"::integer;--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "actor_kind" varchar(16) DEFAULT 'user' NOT NULL;--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "actor_ref" text;--> statement-breakpoint
-- A citizen's "not fixed" was recorded with no actor: it was the citizen's, on their report.
UPDATE "case_events" SET "actor_kind" = 'citizen', "actor_ref" = 'citizen_report:' || ("data"->>'reportId')
  WHERE "actor_id" IS NULL AND "action" = 'reopen' AND "data"->>'by' = 'citizen';--> statement-breakpoint
-- The case's origin becomes its one link: a case that a domain row pointed to without the case
-- naming its origin takes it from the row, before the row's column goes.
UPDATE "cases" c SET "origin_type" = 'inspection_result', "origin_id" = r."id"
  FROM "inspection_results" r WHERE r."case_id" = c."id" AND c."origin_type" IS NULL;--> statement-breakpoint
UPDATE "cases" c SET "origin_type" = 'household_lead', "origin_id" = l."id"
  FROM "household_leads" l WHERE l."escalated_case_id" = c."id" AND c."origin_type" IS NULL;--> statement-breakpoint
-- A visit's case named the household as its origin (several visits, several cases): it is the visit's.
UPDATE "cases" c SET "origin_type" = 'household_visit', "origin_id" = v."id"
  FROM "household_visits" v WHERE v."case_id" = c."id" AND (c."origin_type" IS NULL OR c."origin_type" = 'household');--> statement-breakpoint
CREATE UNIQUE INDEX "cases_origin_uq" ON "cases" USING btree ("origin_type","origin_id");--> statement-breakpoint
ALTER TABLE "inspection_results" DROP COLUMN "case_id";--> statement-breakpoint
ALTER TABLE "household_leads" DROP COLUMN "escalated_case_id";--> statement-breakpoint
ALTER TABLE "household_visits" DROP COLUMN "case_id";--> statement-breakpoint
CREATE VIEW "public"."case_view" AS (select id, code, title, module, category, area_id, area_code, place, source, severity, found_by_id, found_at, unit_id,
    deadline, status, outcome, return_count, extension_count, last_submitter_id, assigned_at, submitted_at, closed_at,
    created_by_id, created_at, updated_at, version, origin_type, origin_id from "cases");