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
	"place_id" integer,
	"place" text,
	"lat" double precision,
	"lng" double precision,
	"status" varchar(16) DEFAULT 'draft' NOT NULL,
	"summary" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "cw_case_places" (
	"case_id" integer PRIMARY KEY NOT NULL,
	"place_id" integer,
	"category_code" varchar(16)
);
--> statement-breakpoint
CREATE TABLE "cw_categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" varchar(16) NOT NULL,
	"name" text NOT NULL,
	"kind" varchar(8) NOT NULL,
	"group_name" text NOT NULL,
	"default_unit_type" varchar(24) NOT NULL,
	"default_unit_id" integer,
	"deadline_value" integer NOT NULL,
	"deadline_unit" varchar(8) NOT NULL,
	"urgency" varchar(16) DEFAULT 'normal' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cw_places" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" varchar(16) NOT NULL,
	"area_id" integer NOT NULL,
	"area_code" varchar(12) NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"community_unit_id" integer,
	"property_unit_id" integer,
	"department_unit_id" integer,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cw_settings" (
	"key" varchar(48) PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_guarantees" (
	"id" serial PRIMARY KEY NOT NULL,
	"household_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"item" varchar(16) NOT NULL,
	"status" varchar(16) NOT NULL,
	"note" text,
	"attachment_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"checked_by_id" integer,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_incomes" (
	"id" serial PRIMARY KEY NOT NULL,
	"household_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"wage" numeric(14, 2) NOT NULL,
	"business" numeric(14, 2) NOT NULL,
	"production_cost" numeric(14, 2) NOT NULL,
	"property" numeric(14, 2) NOT NULL,
	"transfer" numeric(14, 2) NOT NULL,
	"household_size" smallint NOT NULL,
	"net_income" numeric(14, 2) NOT NULL,
	"per_capita" integer NOT NULL,
	"medical_self_pay" numeric(14, 2),
	"education_cost" numeric(14, 2),
	"disaster_loss" numeric(14, 2),
	"note" text,
	"recorded_by_id" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_members" (
	"id" serial PRIMARY KEY NOT NULL,
	"household_id" integer NOT NULL,
	"name" text NOT NULL,
	"id_number" varchar(18) NOT NULL,
	"sex" varchar(1) NOT NULL,
	"birth_date" date NOT NULL,
	"relation" varchar(16) NOT NULL,
	"ethnicity" text,
	"education" varchar(16),
	"school_status" varchar(24),
	"health" varchar(16),
	"disability_grade" smallint,
	"labour_skill" varchar(16),
	"migrant_months" smallint,
	"has_medical_insurance" boolean,
	"has_critical_illness_insurance" boolean,
	"is_active" boolean DEFAULT true NOT NULL,
	"left_at" date,
	"left_reason" varchar(16),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" varchar(32) NOT NULL,
	"area_id" integer NOT NULL,
	"area_code" varchar(12) NOT NULL,
	"hamlet" text,
	"address" text,
	"phone" text,
	"type" varchar(16) NOT NULL,
	"monitoring_category" varchar(16),
	"risk_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"cadre_user_id" integer,
	"cadre_name" text,
	"housing_grade" varchar(1),
	"drinking_water" varchar(8),
	"identified_at" date,
	"risk_eliminated_at" date,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_moves" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" integer NOT NULL,
	"kind" varchar(16) NOT NULL,
	"from_household_id" integer,
	"to_household_id" integer,
	"moved_on" date NOT NULL,
	"note" text,
	"actor_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_settings" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" smallint NOT NULL,
	"area_prefix" varchar(12) DEFAULT '' NOT NULL,
	"income_line" integer NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source_note" text NOT NULL,
	"updated_by_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening_flags" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"household_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"rule" varchar(32) NOT NULL,
	"message" text NOT NULL,
	"numbers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "citizen_api_keys" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key_hash" varchar(64) NOT NULL,
	"key_prefix" varchar(12) NOT NULL,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "citizen_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"tracking_code" varchar(16) NOT NULL,
	"category_code" varchar(16) NOT NULL,
	"description" text NOT NULL,
	"area_id" integer NOT NULL,
	"area_code" varchar(12) NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"phone" varchar(20),
	"name" text,
	"photo_id" uuid,
	"status" varchar(16) DEFAULT 'pending' NOT NULL,
	"channel" varchar(16) DEFAULT 'web' NOT NULL,
	"api_key_id" integer,
	"case_id" integer,
	"reject_reason" text,
	"moderated_by_id" integer,
	"moderated_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_throttle" (
	"key" varchar(200) PRIMARY KEY NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	"window_start" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_activities" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL,
	"day" date NOT NULL,
	"place" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"member_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"hours_per_member" numeric(6, 1),
	"total_hours" numeric(8, 1) NOT NULL,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_members" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL,
	"name" text NOT NULL,
	"phone" varchar(20),
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_teams" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"area_id" integer NOT NULL,
	"area_code" varchar(12) NOT NULL,
	"leader_name" text DEFAULT '' NOT NULL,
	"leader_phone" varchar(20),
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_lead_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"lead_id" integer NOT NULL,
	"actor_id" integer,
	"action" varchar(16) NOT NULL,
	"step" varchar(24),
	"from_status" varchar(16),
	"to_status" varchar(16) NOT NULL,
	"note" text,
	"data" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_leads" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" varchar(24) NOT NULL,
	"kind" varchar(16) NOT NULL,
	"channel" varchar(16),
	"department" varchar(24),
	"household_id" integer,
	"person_name" text,
	"id_number" varchar(18),
	"phone" text,
	"area_id" integer NOT NULL,
	"area_code" varchar(12) NOT NULL,
	"reason" text NOT NULL,
	"numbers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"raised_on" date NOT NULL,
	"status" varchar(16) NOT NULL,
	"steps" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"refused_step" varchar(24),
	"refused_reason" text,
	"closed_at" timestamp with time zone,
	"escalated_case_id" integer,
	"reporter_ip" text,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_measure_funds" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"measure_id" integer NOT NULL,
	"kind" varchar(16) NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"on" date NOT NULL,
	"note" text,
	"recorded_by_id" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_measures" (
	"id" serial PRIMARY KEY NOT NULL,
	"household_id" integer NOT NULL,
	"type" varchar(16) NOT NULL,
	"content" text NOT NULL,
	"amount" numeric(14, 2),
	"start_on" date NOT NULL,
	"end_on" date,
	"unit_id" integer,
	"unit_name" text,
	"status" varchar(16) NOT NULL,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"household_id" integer NOT NULL,
	"visited_on" date NOT NULL,
	"visitor_id" integer,
	"visitor_name" text NOT NULL,
	"findings" text NOT NULL,
	"attachment_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"has_problem" boolean DEFAULT false NOT NULL,
	"case_id" integer,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_work_settings" (
	"key" varchar(32) PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"job" varchar(48) NOT NULL,
	"day" date NOT NULL,
	"status" varchar(16) NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text
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
CREATE INDEX "cases_status_deadline_idx" ON "cases" USING btree ("status","deadline","area_code");--> statement-breakpoint
CREATE INDEX "cases_unit_status_idx" ON "cases" USING btree ("unit_id","status","deadline","area_code");--> statement-breakpoint
CREATE INDEX "cases_module_status_idx" ON "cases" USING btree ("module","status","found_at","area_code");--> statement-breakpoint
CREATE INDEX "cases_found_at_idx" ON "cases" USING btree ("found_at");--> statement-breakpoint
CREATE INDEX "cases_closed_at_idx" ON "cases" USING btree ("closed_at","area_code","unit_id","deadline","status");--> statement-breakpoint
CREATE INDEX "cases_origin_idx" ON "cases" USING btree ("origin_type","origin_id");--> statement-breakpoint
CREATE INDEX "cases_open_idx" ON "cases" USING btree ("found_at","deadline","area_code","unit_id","module","status") WHERE status in ('pending_assign', 'rectifying', 'extension_requested', 'pending_verify', 'returned');--> statement-breakpoint
CREATE INDEX "checklist_items_template_idx" ON "checklist_items" USING btree ("template_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_results_item_uq" ON "inspection_results" USING btree ("inspection_id","item_id");--> statement-breakpoint
CREATE INDEX "inspections_area_idx" ON "inspections" USING btree ("area_code","started_at");--> statement-breakpoint
CREATE INDEX "inspections_inspector_idx" ON "inspections" USING btree ("inspector_id","started_at");--> statement-breakpoint
CREATE INDEX "cw_case_places_place_idx" ON "cw_case_places" USING btree ("place_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cw_categories_code_uq" ON "cw_categories" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "cw_places_area_name_uq" ON "cw_places" USING btree ("area_id","name");--> statement-breakpoint
CREATE INDEX "cw_places_area_code_idx" ON "cw_places" USING btree ("area_code");--> statement-breakpoint
CREATE INDEX "cw_places_property_idx" ON "cw_places" USING btree ("property_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "household_guarantees_uq" ON "household_guarantees" USING btree ("household_id","year","item");--> statement-breakpoint
CREATE UNIQUE INDEX "household_incomes_household_year_uq" ON "household_incomes" USING btree ("household_id","year");--> statement-breakpoint
CREATE INDEX "household_incomes_year_idx" ON "household_incomes" USING btree ("year");--> statement-breakpoint
CREATE UNIQUE INDEX "household_members_id_number_uq" ON "household_members" USING btree ("id_number");--> statement-breakpoint
CREATE INDEX "household_members_household_idx" ON "household_members" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "household_members_name_idx" ON "household_members" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "households_code_uq" ON "households" USING btree ("code");--> statement-breakpoint
CREATE INDEX "households_area_code_idx" ON "households" USING btree ("area_code","id");--> statement-breakpoint
CREATE INDEX "households_cadre_idx" ON "households" USING btree ("cadre_user_id");--> statement-breakpoint
CREATE INDEX "households_updated_idx" ON "households" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "households_risk_types_idx" ON "households" USING gin ("risk_types");--> statement-breakpoint
CREATE INDEX "member_moves_member_idx" ON "member_moves" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "member_moves_from_idx" ON "member_moves" USING btree ("from_household_id");--> statement-breakpoint
CREATE INDEX "member_moves_to_idx" ON "member_moves" USING btree ("to_household_id");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_settings_year_area_uq" ON "monitoring_settings" USING btree ("year","area_prefix");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_flags_open_uq" ON "screening_flags" USING btree ("household_id","year","rule") WHERE resolved_at is null;--> statement-breakpoint
CREATE INDEX "screening_flags_household_idx" ON "screening_flags" USING btree ("household_id");--> statement-breakpoint
CREATE UNIQUE INDEX "citizen_api_keys_hash_uq" ON "citizen_api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "citizen_reports_code_uq" ON "citizen_reports" USING btree ("tracking_code");--> statement-breakpoint
CREATE INDEX "citizen_reports_area_status_idx" ON "citizen_reports" USING btree ("area_code","status","created_at");--> statement-breakpoint
CREATE INDEX "citizen_reports_created_idx" ON "citizen_reports" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "citizen_reports_case_idx" ON "citizen_reports" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "volunteer_activities_team_day_idx" ON "volunteer_activities" USING btree ("team_id","day");--> statement-breakpoint
CREATE INDEX "volunteer_members_team_idx" ON "volunteer_members" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "volunteer_teams_area_idx" ON "volunteer_teams" USING btree ("area_code");--> statement-breakpoint
CREATE INDEX "household_lead_events_lead_idx" ON "household_lead_events" USING btree ("lead_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "household_leads_code_uq" ON "household_leads" USING btree ("code");--> statement-breakpoint
CREATE INDEX "household_leads_area_status_idx" ON "household_leads" USING btree ("area_code","status","raised_on");--> statement-breakpoint
CREATE INDEX "household_leads_status_raised_idx" ON "household_leads" USING btree ("status","raised_on");--> statement-breakpoint
CREATE INDEX "household_leads_household_idx" ON "household_leads" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "household_leads_id_number_idx" ON "household_leads" USING btree ("id_number");--> statement-breakpoint
CREATE INDEX "household_leads_ip_idx" ON "household_leads" USING btree ("reporter_ip","created_at");--> statement-breakpoint
CREATE INDEX "household_leads_phone_idx" ON "household_leads" USING btree ("phone","created_at");--> statement-breakpoint
CREATE INDEX "household_measure_funds_measure_idx" ON "household_measure_funds" USING btree ("measure_id","kind");--> statement-breakpoint
CREATE INDEX "household_measures_household_idx" ON "household_measures" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "household_measures_type_idx" ON "household_measures" USING btree ("type","status");--> statement-breakpoint
CREATE INDEX "household_visits_household_idx" ON "household_visits" USING btree ("household_id","visited_on");--> statement-breakpoint
CREATE INDEX "household_visits_visitor_idx" ON "household_visits" USING btree ("visitor_id","visited_on");--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_job_day_uq" ON "job_runs" USING btree ("job","day");