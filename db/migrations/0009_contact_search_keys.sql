DROP INDEX "contacts_workspace_name_sort_idx";--> statement-breakpoint
DROP INDEX "contacts_workspace_email_sort_idx";--> statement-breakpoint
DROP INDEX "contacts_workspace_name_idx";--> statement-breakpoint
CREATE INDEX "contacts_workspace_name_key_idx" ON "contacts" USING btree ("workspace_id",lower(coalesce("last_name", '') || ' ' || coalesce("first_name", '')) collate "C","id");--> statement-breakpoint
CREATE INDEX "contacts_workspace_email_key_idx" ON "contacts" USING btree ("workspace_id",coalesce(lower("email"), '') collate "C","id");--> statement-breakpoint
CREATE INDEX "contacts_workspace_first_last_idx" ON "contacts" USING btree ("workspace_id",lower(coalesce("first_name", '') || ' ' || coalesce("last_name", '')) collate "C");