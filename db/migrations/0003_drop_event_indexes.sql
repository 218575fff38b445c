DROP INDEX "contact_events_workspace_type_time_idx";--> statement-breakpoint
DROP INDEX "contact_events_workspace_campaign_idx";