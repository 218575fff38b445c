// Streams what users download: pictures re-encoded by sharp (upright, EXIF/XMP/GPS stripped), sanitised SVG, a video's
// metadata-free copy, PDFs, and generated variants. Never hands out the stored original of an image or video as it is.
import "server-only";
import type { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import sharp, { type Sharp } from "sharp";
import { mediaVariants, type MediaAsset, type MediaVariantPreset } from "@/db/schema";
import type { Ctx } from "@/lib/auth/context";
import { ConflictError } from "@/lib/errors";
import { getAsset } from "./assets";
import { assetNotFound, variantNotFound } from "./errors";
import { DEFAULT_LIMITS } from "./limits";
import { mediaStorage } from "./storage";

export interface Delivery {
  body: Readable;
  contentType: string;
  fileName: string;
  /** Known only when the bytes are served as stored. */
  bytes: number | null;
  /** Extra response headers (an SVG gets a script-proof CSP). */
  headers: Record<string, string>;
}

const SVG_HEADERS = { "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:", "x-content-type-options": "nosniff" };

/** A sharp stream that re-encodes to the same format; sharp writes no metadata unless asked to. */
function reencoder(asset: MediaAsset): Sharp {
  const animated = asset.format === "gif" || asset.format === "webp";
  const s = sharp({ autoOrient: true, limitInputPixels: DEFAULT_LIMITS.maxPixels, failOn: "none", animated });
  switch (asset.format) {
    case "jpeg":
      return s.jpeg({ quality: 92, mozjpeg: true });
    case "png":
      return s.png({ compressionLevel: 9 });
    case "webp":
      return s.webp({ quality: 90 });
    case "avif":
      return s.avif({ quality: 60, effort: 4 });
    case "gif":
      return s.gif();
    default:
      throw new Error(`No re-encoder for ${asset.format}.`);
  }
}

function liveAsset(asset: MediaAsset): MediaAsset {
  if (asset.status === "DELETED") throw assetNotFound();
  return asset;
}

async function variantRow(ctx: Ctx, assetId: string, preset: MediaVariantPreset) {
  const [row] = await ctx.db
    .select()
    .from(mediaVariants)
    .where(and(eq(mediaVariants.workspaceId, ctx.workspaceId), eq(mediaVariants.assetId, assetId), eq(mediaVariants.preset, preset)))
    .limit(1);
  return row ?? null;
}

/** The asset as users download it: the original's content, with every piece of camera and location metadata removed. */
export async function openOriginal(ctx: Ctx, assetId: string): Promise<Delivery> {
  const asset = liveAsset(await getAsset(ctx, assetId));
  const storage = mediaStorage();
  const fileName = asset.originalFileName;
  switch (asset.kind) {
    case "image": {
      const source = await storage.get(asset.originalKey);
      const encoder = reencoder(asset);
      source.on("error", (e) => encoder.destroy(e));
      return { body: source.pipe(encoder), contentType: asset.mime, fileName, bytes: null, headers: {} };
    }
    case "svg":
      // Stored already sanitised (see analyze.ts); served with a policy that would stop script even if some slipped in.
      return { body: await storage.get(asset.originalKey), contentType: "image/svg+xml", fileName, bytes: asset.bytes, headers: SVG_HEADERS };
    case "video": {
      const clean = await variantRow(ctx, asset.id, "clean");
      if (!clean) {
        throw new ConflictError("This video has no metadata-free copy yet, so it cannot be downloaded. Upload it again once video tools are installed.", "DELIVERY_UNAVAILABLE");
      }
      return { body: await storage.get(clean.storageKey), contentType: asset.mime, fileName, bytes: clean.bytes, headers: {} };
    }
    case "pdf":
      return { body: await storage.get(asset.originalKey), contentType: "application/pdf", fileName, bytes: asset.bytes, headers: {} };
  }
}

const VARIANT_TYPES: Record<string, string> = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp", avif: "image/avif", mp4: "video/mp4", mov: "video/quicktime", webm: "video/webm" };

/** A generated variant (made without metadata by sharp or ffmpeg). */
export async function openVariant(ctx: Ctx, assetId: string, preset: MediaVariantPreset): Promise<Delivery> {
  const asset = liveAsset(await getAsset(ctx, assetId));
  const row = await variantRow(ctx, asset.id, preset);
  if (!row) throw variantNotFound();
  const ext = row.format === "jpeg" ? "jpg" : row.format;
  const base = asset.originalFileName.replace(/\.[a-z0-9]{1,5}$/i, "");
  return {
    body: await mediaStorage().get(row.storageKey),
    contentType: VARIANT_TYPES[row.format] ?? "application/octet-stream",
    fileName: `${base}-${preset.replace(/[:.]/g, "x")}.${ext}`,
    bytes: row.bytes,
    headers: {},
  };
}
