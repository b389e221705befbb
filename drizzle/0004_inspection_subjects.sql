ALTER TABLE "inspections" ADD COLUMN "subject_type" varchar(32);--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "subject_id" integer;--> statement-breakpoint
CREATE INDEX "inspections_subject_idx" ON "inspections" USING btree ("subject_type","subject_id","started_at");