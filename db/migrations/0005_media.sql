CREATE TYPE "public"."media_kind" AS ENUM('image', 'video', 'pdf', 'svg');--> statement-breakpoint
CREATE TYPE "public"."media_status" AS ENUM('DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'ARCHIVED', 'DELETED');--> statement-breakpoint
CREATE TABLE "media_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"asset_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" "media_status",
	"to_status" "media_status" NOT NULL,
	"actor_user_id" text,
	"actor_label" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "media_assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"library_id" uuid NOT NULL,
	"name" text NOT NULL,
	"original_file_name" text NOT NULL,
	"kind" "media_kind" NOT NULL,
	"mime" text NOT NULL,
	"bytes" bigint NOT NULL,
	"width" integer,
	"height" integer,
	"aspect_ratio" double precision,
	"duration_ms" integer,
	"page_count" integer,
	"format" text NOT NULL,
	"palette" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"blurhash" text,
	"alt_text" text,
	"alt_text_suggested" boolean DEFAULT false NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"category" text,
	"status" "media_status" DEFAULT 'DRAFT' NOT NULL,
	"status_before_delete" "media_status",
	"deleted_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"focal_x" real DEFAULT 0.5 NOT NULL,
	"focal_y" real DEFAULT 0.5 NOT NULL,
	"sha256" text NOT NULL,
	"dhash" bigint,
	"original_key" text NOT NULL,
	"exif" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"usage_count" integer DEFAULT 0 NOT NULL,
	"uploaded_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "media_libraries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "media_metrics_daily" (
	"workspace_id" text NOT NULL,
	"asset_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"day" date NOT NULL,
	"impressions" bigint DEFAULT 0 NOT NULL,
	"clicks" bigint DEFAULT 0 NOT NULL,
	"engagements" bigint DEFAULT 0 NOT NULL,
	"conversions" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "media_metrics_daily_workspace_id_asset_id_channel_day_pk" PRIMARY KEY("workspace_id","asset_id","channel","day")
);
--> statement-breakpoint
CREATE TABLE "media_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"library_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"expected_bytes" bigint NOT NULL,
	"received_bytes" bigint DEFAULT 0 NOT NULL,
	"temp_key" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"asset_id" uuid,
	"duplicate" boolean DEFAULT false NOT NULL,
	"error_code" text,
	"error_message" text,
	"created_by_user_id" text,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "media_usages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"asset_id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"campaign_id" uuid,
	"attached_by_user_id" text,
	"attached_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "media_variants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" text NOT NULL,
	"asset_id" uuid NOT NULL,
	"preset" text NOT NULL,
	"storage_key" text NOT NULL,
	"width" integer,
	"height" integer,
	"bytes" bigint NOT NULL,
	"format" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "media_approvals" ADD CONSTRAINT "media_approvals_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_approvals" ADD CONSTRAINT "media_approvals_asset_id_media_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."media_assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_approvals" ADD CONSTRAINT "media_approvals_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_assets" ADD CONSTRAINT "media_assets_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_assets" ADD CONSTRAINT "media_assets_library_id_media_libraries_id_fk" FOREIGN KEY ("library_id") REFERENCES "public"."media_libraries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_assets" ADD CONSTRAINT "media_assets_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_libraries" ADD CONSTRAINT "media_libraries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_libraries" ADD CONSTRAINT "media_libraries_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_metrics_daily" ADD CONSTRAINT "media_metrics_daily_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_metrics_daily" ADD CONSTRAINT "media_metrics_daily_asset_id_media_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."media_assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_uploads" ADD CONSTRAINT "media_uploads_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_uploads" ADD CONSTRAINT "media_uploads_library_id_media_libraries_id_fk" FOREIGN KEY ("library_id") REFERENCES "public"."media_libraries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_uploads" ADD CONSTRAINT "media_uploads_asset_id_media_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."media_assets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_uploads" ADD CONSTRAINT "media_uploads_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_usages" ADD CONSTRAINT "media_usages_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_usages" ADD CONSTRAINT "media_usages_asset_id_media_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."media_assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_usages" ADD CONSTRAINT "media_usages_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_usages" ADD CONSTRAINT "media_usages_attached_by_user_id_users_id_fk" FOREIGN KEY ("attached_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_variants" ADD CONSTRAINT "media_variants_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_variants" ADD CONSTRAINT "media_variants_asset_id_media_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."media_assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "media_approvals_workspace_asset_idx" ON "media_approvals" USING btree ("workspace_id","asset_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "media_assets_workspace_created_idx" ON "media_assets" USING btree ("workspace_id","created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "media_assets_workspace_library_idx" ON "media_assets" USING btree ("workspace_id","library_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "media_assets_workspace_status_idx" ON "media_assets" USING btree ("workspace_id","status","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "media_assets_workspace_bytes_idx" ON "media_assets" USING btree ("workspace_id","bytes" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "media_assets_workspace_usage_idx" ON "media_assets" USING btree ("workspace_id","usage_count" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE UNIQUE INDEX "media_assets_workspace_sha256_uq" ON "media_assets" USING btree ("workspace_id","sha256");--> statement-breakpoint
CREATE INDEX "media_assets_workspace_dhash_idx" ON "media_assets" USING btree ("workspace_id","dhash") WHERE "media_assets"."dhash" is not null;--> statement-breakpoint
CREATE INDEX "media_assets_dhash_band0_idx" ON "media_assets" USING btree ("workspace_id",(("dhash" >> 48) & 65535),"dhash","id");--> statement-breakpoint
CREATE INDEX "media_assets_dhash_band1_idx" ON "media_assets" USING btree ("workspace_id",(("dhash" >> 32) & 65535),"dhash","id");--> statement-breakpoint
CREATE INDEX "media_assets_dhash_band2_idx" ON "media_assets" USING btree ("workspace_id",(("dhash" >> 16) & 65535),"dhash","id");--> statement-breakpoint
CREATE INDEX "media_assets_dhash_band3_idx" ON "media_assets" USING btree ("workspace_id",("dhash" & 65535),"dhash","id");--> statement-breakpoint
CREATE INDEX "media_assets_tags_gin" ON "media_assets" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "media_assets_expires_idx" ON "media_assets" USING btree ("expires_at") WHERE "media_assets"."expires_at" is not null;--> statement-breakpoint
CREATE INDEX "media_assets_deleted_idx" ON "media_assets" USING btree ("deleted_at") WHERE "media_assets"."deleted_at" is not null;--> statement-breakpoint
CREATE INDEX "media_libraries_workspace_created_idx" ON "media_libraries" USING btree ("workspace_id","created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE UNIQUE INDEX "media_libraries_workspace_name_uq" ON "media_libraries" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE INDEX "media_metrics_daily_workspace_channel_day_idx" ON "media_metrics_daily" USING btree ("workspace_id","channel","day");--> statement-breakpoint
CREATE INDEX "media_uploads_workspace_created_idx" ON "media_uploads" USING btree ("workspace_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "media_uploads_expires_idx" ON "media_uploads" USING btree ("expires_at") WHERE "media_uploads"."status" in ('open', 'finishing', 'failed');--> statement-breakpoint
CREATE UNIQUE INDEX "media_usages_workspace_asset_entity_uq" ON "media_usages" USING btree ("workspace_id","asset_id","entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "media_usages_workspace_entity_idx" ON "media_usages" USING btree ("workspace_id","entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "media_usages_workspace_campaign_idx" ON "media_usages" USING btree ("workspace_id","campaign_id");--> statement-breakpoint
CREATE UNIQUE INDEX "media_variants_workspace_asset_preset_uq" ON "media_variants" USING btree ("workspace_id","asset_id","preset");