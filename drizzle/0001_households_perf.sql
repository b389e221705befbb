CREATE INDEX "households_type_idx" ON "households" USING btree ("type","area_code");--> statement-breakpoint
CREATE INDEX "screening_flags_open_household_idx" ON "screening_flags" USING btree ("household_id") WHERE resolved_at is null;--> statement-breakpoint
CREATE INDEX "screening_flags_open_rule_idx" ON "screening_flags" USING btree ("rule","household_id") WHERE resolved_at is null;