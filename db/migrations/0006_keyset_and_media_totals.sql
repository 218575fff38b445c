DROP INDEX "contacts_workspace_created_idx";--> statement-breakpoint
ALTER TABLE "media_assets" ADD COLUMN "impressions" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "media_assets" ADD COLUMN "clicks" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "media_assets" ADD COLUMN "ctr" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "contacts_workspace_created_id_idx" ON "contacts" USING btree ("workspace_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "media_assets_workspace_ctr_idx" ON "media_assets" USING btree ("workspace_id","ctr" DESC NULLS LAST,"id");