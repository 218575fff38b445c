// The S3-compatible backend (AWS S3, MinIO, Ceph, R2…): streamed multipart uploads through @aws-sdk/lib-storage.
// Never buffers a whole object and never overwrites an immutable key; credentials come from lib/env.ts only.
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { Readable } from "node:stream";
import { ByteCounter } from "./local";
import { assertSafeKey, StorageObjectMissingError, type MediaStorage, type PutOptions, type PutResult, type StoredObjectInfo } from "./types";

export interface S3StorageConfig {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
  /** Bytes per multipart part (S3's minimum is 5 MiB); bodies larger than one part go up as a multipart upload. */
  partSize?: number;
  /** Parts in flight at once; memory held is about partSize × queueSize. */
  queueSize?: number;
}

function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === "NotFound" || err?.name === "NoSuchKey" || err?.$metadata?.httpStatusCode === 404;
}

export class S3Storage implements MediaStorage {
  readonly backend = "s3" as const;
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly partSize: number;
  private readonly queueSize: number;

  constructor(config: S3StorageConfig) {
    const clientConfig: S3ClientConfig = {
      region: config.region,
      forcePathStyle: config.forcePathStyle ?? false,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(config.accessKeyId && config.secretAccessKey
        ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }
        : {}),
    };
    this.client = new S3Client(clientConfig);
    this.bucket = config.bucket;
    this.partSize = Math.max(config.partSize ?? 8 * 1024 * 1024, 5 * 1024 * 1024);
    this.queueSize = config.queueSize ?? 2;
  }

  async put(key: string, body: Readable, options: PutOptions): Promise<PutResult> {
    assertSafeKey(key);
    if (options.immutable) {
      const existing = await this.head(key);
      if (existing) {
        body.resume();
        return { bytes: existing.bytes, written: false };
      }
    }
    const counter = new ByteCounter();
    body.on("error", (e) => counter.destroy(e));
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body.pipe(counter), ContentType: options.contentType },
      partSize: this.partSize,
      queueSize: this.queueSize,
      leavePartsOnError: false,
    });
    await upload.done();
    return { bytes: counter.bytes, written: true };
  }

  async get(key: string): Promise<Readable> {
    assertSafeKey(key);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!res.Body) throw new StorageObjectMissingError(key);
      // In Node the SDK's body is an http.IncomingMessage, a Readable.
      return res.Body as Readable;
    } catch (e) {
      if (isNotFound(e)) throw new StorageObjectMissingError(key);
      throw e;
    }
  }

  async head(key: string): Promise<StoredObjectInfo | null> {
    assertSafeKey(key);
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { bytes: res.ContentLength ?? 0, contentType: res.ContentType ?? null };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    assertSafeKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}
