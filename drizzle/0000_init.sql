CREATE TABLE "areas" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" varchar(12) NOT NULL,
	"name" text NOT NULL,
	"level" varchar(16) NOT NULL,
	"prefix" varchar(12) NOT NULL,
	"parent_id" integer,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"username" text,
	"action" varchar(48) NOT NULL,
	"entity" varchar(48) NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"detail" text,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"day" varchar(10) PRIMARY KEY NOT NULL,
	"is_workday" boolean NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"key" varchar(200) PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_start" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"csrf_token" varchar(64) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" varchar(24) NOT NULL,
	"area_id" integer NOT NULL,
	"area_code" varchar(12) NOT NULL,
	"contact" text,
	"phone" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" varchar(64) NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" varchar(24) NOT NULL,
	"unit_id" integer,
	"area_id" integer NOT NULL,
	"phone" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"password_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_type" varchar(24),
	"owner_id" text,
	"kind" varchar(16) DEFAULT 'other' NOT NULL,
	"filename" text NOT NULL,
	"mime" varchar(64) NOT NULL,
	"size" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"storage_key" text NOT NULL,
	"thumb_key" text,
	"public_key" text,
	"width" integer,
	"height" integer,
	"uploaded_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"action" varchar(24) NOT NULL,
	"from_status" varchar(24),
	"to_status" varchar(24) NOT NULL,
	"note" text,
	"data" jsonb,
	"attachment_ids" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" varchar(24) NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"module" varchar(16) NOT NULL,
	"category" text,
	"area_id" integer NOT NULL,
	"area_code" varchar(12) NOT NULL,
	"place" text,
	"lat" double precision,
	"lng" double precision,
	"source" varchar(16) NOT NULL,
	"severity" varchar(16) DEFAULT 'normal' NOT NULL,
	"found_by_id" integer,
	"found_at" timestamp with time zone NOT NULL,
	"unit_id" integer,
	"deadline" timestamp with time zone,
	"status" varchar(24) NOT NULL,
	"outcome" varchar(16),
	"return_count" integer DEFAULT 0 NOT NULL,
	"extension_count" integer DEFAULT 0 NOT NULL,
	"requested_deadline" timestamp with time zone,
	"last_submitter_id" integer,
	"assigned_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"origin_type" varchar(24),
	"origin_id" text
);
--> statement-breakpoint
CREATE TABLE "checklist_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"template_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"standard" text DEFAULT '' NOT NULL,
	"category" text,
	"default_unit_id" integer,
	"default_deadline_days" integer DEFAULT 3 NOT NULL,
	"severity" varchar(16) DEFAULT 'normal' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checklist_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"module" varchar(16) NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_results" (
	"id" serial PRIMARY KEY NOT NULL,
	"inspection_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"result" varchar(8) NOT NULL,
	"note" text,
	"attachment_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"case_id" integer
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" serial PRIMARY KEY NOT NULL,
	"template_id" integer NOT NULL,
	"inspector_id" integer NOT NULL,
	"area_id" integer NOT NULL,
	"area_code" varchar(12) NOT NULL,
	"place" text,
	"lat" double precision,
	"lng" double precision,
	"status" varchar(16) DEFAULT 'draft' NOT NULL,
	"summary" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "areas_code_uq" ON "areas" USING btree ("code");--> statement-breakpoint
CREATE INDEX "areas_parent_idx" ON "areas" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_user_idx" ON "audit_log" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "units_name_uq" ON "units" USING btree ("name");--> statement-breakpoint
CREATE INDEX "units_area_code_idx" ON "units" USING btree ("area_code");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_uq" ON "users" USING btree ("username");--> statement-breakpoint
CREATE INDEX "users_unit_idx" ON "users" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "attachments_owner_idx" ON "attachments" USING btree ("owner_type","owner_id");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "cases_code_idx" ON "cases" USING btree ("code");--> statement-breakpoint
CREATE INDEX "cases_area_status_idx" ON "cases" USING btree ("area_code","status");--> statement-breakpoint
CREATE INDEX "cases_status_deadline_idx" ON "cases" USING btree ("status","deadline");--> statement-breakpoint
CREATE INDEX "cases_unit_status_idx" ON "cases" USING btree ("unit_id","status","deadline");--> statement-breakpoint
CREATE INDEX "cases_module_status_idx" ON "cases" USING btree ("module","status","found_at");--> statement-breakpoint
CREATE INDEX "cases_found_at_idx" ON "cases" USING btree ("found_at");--> statement-breakpoint
CREATE INDEX "cases_closed_at_idx" ON "cases" USING btree ("closed_at");--> statement-breakpoint
CREATE INDEX "cases_origin_idx" ON "cases" USING btree ("origin_type","origin_id");--> statement-breakpoint
CREATE INDEX "checklist_items_template_idx" ON "checklist_items" USING btree ("template_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_results_item_uq" ON "inspection_results" USING btree ("inspection_id","item_id");--> statement-breakpoint
CREATE INDEX "inspections_area_idx" ON "inspections" USING btree ("area_code","started_at");--> statement-breakpoint
CREATE INDEX "inspections_inspector_idx" ON "inspections" USING btree ("inspector_id","started_at");