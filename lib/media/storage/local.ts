// The local-disk backend: objects are files under <AICMO_DATA_DIR>/media/objects (git-ignored with the data folder).
// Writes go to a temporary file first and appear atomically; an immutable key is linked, never replaced.
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { link, mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertSafeKey, StorageObjectMissingError, type MediaStorage, type PutOptions, type PutResult, type StoredObjectInfo } from "./types";

/** Counts the bytes that pass through. */
export class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null, c?: Buffer) => void): void {
    this.bytes += chunk.length;
    cb(null, chunk);
  }
}

function isCode(e: unknown, code: string): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === code;
}

export class LocalStorage implements MediaStorage {
  readonly backend = "local" as const;
  private readonly objects: string;
  private readonly tmp: string;

  constructor(root: string) {
    this.objects = path.join(root, "objects");
    this.tmp = path.join(root, "tmp", "objects");
  }

  private file(key: string): string {
    assertSafeKey(key);
    return path.join(this.objects, ...key.split("/"));
  }

  async put(key: string, body: Readable, options: PutOptions): Promise<PutResult> {
    const dest = this.file(key);
    if (options.immutable) {
      const existing = await this.head(key);
      if (existing) {
        body.resume();
        return { bytes: existing.bytes, written: false };
      }
    }
    await mkdir(this.tmp, { recursive: true });
    await mkdir(path.dirname(dest), { recursive: true });
    const tmp = path.join(this.tmp, randomUUID());
    const counter = new ByteCounter();
    try {
      await pipeline(body, counter, createWriteStream(tmp, { flags: "wx" }));
      if (options.immutable) {
        try {
          // link() fails when the name exists, so two writers of the same original never replace each other.
          await link(tmp, dest);
        } catch (e) {
          if (isCode(e, "EEXIST")) return { bytes: (await stat(dest)).size, written: false };
          throw e;
        }
        return { bytes: counter.bytes, written: true };
      }
      await rename(tmp, dest);
      return { bytes: counter.bytes, written: true };
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async get(key: string): Promise<Readable> {
    const file = this.file(key);
    try {
      await stat(file);
    } catch (e) {
      if (isCode(e, "ENOENT")) throw new StorageObjectMissingError(key);
      throw e;
    }
    return createReadStream(file);
  }

  async head(key: string): Promise<StoredObjectInfo | null> {
    try {
      const s = await stat(this.file(key));
      return s.isFile() ? { bytes: s.size, contentType: null } : null;
    } catch (e) {
      if (isCode(e, "ENOENT")) return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}
