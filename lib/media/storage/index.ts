// Picks the media storage backend from the environment (MEDIA_STORAGE=local|s3) and hands out one instance per setting.
// Engines call mediaStorage(); never construct a backend per request, and never read process.env here (lib/env.ts does).
import "server-only";
import path from "node:path";
import { env } from "@/lib/env";
import { LocalStorage } from "./local";
import { S3Storage } from "./s3";
import type { MediaStorage } from "./types";

export * from "./keys";
export * from "./types";
export { LocalStorage } from "./local";
export { S3Storage, type S3StorageConfig } from "./s3";

/** <AICMO_DATA_DIR>/media: the local backend's objects and every temporary upload file. */
export function mediaRoot(): string {
  return path.resolve(env().AICMO_DATA_DIR, "media");
}

let cached: { signature: string; storage: MediaStorage } | undefined;

export function mediaStorage(): MediaStorage {
  const e = env();
  const signature = JSON.stringify([e.MEDIA_STORAGE, e.AICMO_DATA_DIR, e.MEDIA_S3_ENDPOINT, e.MEDIA_S3_BUCKET, e.MEDIA_S3_REGION, e.MEDIA_S3_ACCESS_KEY_ID]);
  if (cached?.signature === signature) return cached.storage;
  let storage: MediaStorage;
  if (e.MEDIA_STORAGE === "s3") {
    if (!e.MEDIA_S3_BUCKET) throw new Error("MEDIA_STORAGE=s3 needs MEDIA_S3_BUCKET (and credentials unless the host provides them).");
    storage = new S3Storage({
      bucket: e.MEDIA_S3_BUCKET,
      region: e.MEDIA_S3_REGION,
      endpoint: e.MEDIA_S3_ENDPOINT,
      accessKeyId: e.MEDIA_S3_ACCESS_KEY_ID,
      secretAccessKey: e.MEDIA_S3_SECRET_ACCESS_KEY,
      forcePathStyle: e.MEDIA_S3_FORCE_PATH_STYLE,
    });
  } else {
    storage = new LocalStorage(mediaRoot());
  }
  cached = { signature, storage };
  return storage;
}
