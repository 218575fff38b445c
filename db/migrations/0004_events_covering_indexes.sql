-- Covering indexes for segment event rules; drizzle's schema DSL cannot declare INCLUDE, so they live here only.
CREATE INDEX IF NOT EXISTS "contact_events_workspace_type_time_cover_idx" ON "contact_events" USING btree ("workspace_id","type","occurred_at") INCLUDE ("contact_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contact_events_workspace_campaign_cover_idx" ON "contact_events" USING btree ("workspace_id","campaign_id","type","occurred_at") INCLUDE ("contact_id");
