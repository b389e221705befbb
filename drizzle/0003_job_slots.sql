DROP INDEX "job_runs_job_day_uq";--> statement-breakpoint
ALTER TABLE "job_runs" ADD COLUMN "slot" varchar(5) DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_job_day_slot_uq" ON "job_runs" USING btree ("job","day","slot");