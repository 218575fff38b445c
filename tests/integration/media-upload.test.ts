// Media uploads end to end against a real database and the local storage backend: metadata, exact-duplicate refusal,
// EXIF/GPS stripping, bad inputs (nothing stored), SVG sanitising, PDF and video, streaming storage and resumable uploads.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mediaAssets, mediaVariants } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import { AppError } from "@/lib/errors";
import {
  appendUploadChunk,
  createLibrary,
  createUpload,
  finishUpload,
  getUpload,
  ingestAsset,
  listApprovals,
  openOriginal,
  openVariant,
  parseContentRange,
  type IngestResult,
} from "@/lib/media";
import { LocalStorage, mediaRoot, mediaStorage } from "@/lib/media/storage";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";
import { chunked, collect, storedObjects, tempFiles, useTempDataDir } from "../fixtures/media/helpers";
import { jpegWithGps, mp4WithLocation, pdf, photoJpeg, photoPng, pngBomb } from "../fixtures/media/make";

const getDb = setupTestDb();
let data: { dir: string; cleanup: () => Promise<void> };
let ws: TestWorkspace;
let libraryId: string;

beforeAll(async () => {
  data = await useTempDataDir();
  ws = await makeWorkspace(getDb(), "Media uploads");
  libraryId = (await createLibrary(ws.ctx("marketer"), { name: "Brand" })).id;
});
afterAll(async () => data.cleanup());

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

function upload(fileName: string, bytes: Buffer, opts: Parameters<typeof ingestAsset>[2] = {}) {
  return ingestAsset(ws.ctx("marketer"), { libraryId, fileName, stream: chunked(bytes) }, { variants: "skip", ...opts });
}

/** The AppError a call fails with (the test fails if it succeeds). */
async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

function created(r: IngestResult) {
  if (!r.created) throw new Error(`expected a new asset, got a duplicate of ${r.duplicateOf.id}`);
  return r;
}

async function assetCount(): Promise<number> {
  return (await getDb().select({ id: mediaAssets.id }).from(mediaAssets).where(eq(mediaAssets.workspaceId, ws.id))).length;
}

describe("uploading an image", () => {
  it("records dimensions, palette, blurhash, perceptual hash and SHA-256, with a thumbnail and a history row", async () => {
    const bytes = await photoJpeg(1);
    const r = created(await upload("beach-day.jpg", bytes));
    expect(r.asset).toMatchObject({ kind: "image", mime: "image/jpeg", format: "jpeg", width: 1200, height: 800, aspectRatio: 1.5, status: "DRAFT", name: "beach-day" });
    expect(r.asset.bytes).toBe(bytes.length);
    expect(r.asset.sha256).toBe(sha(bytes));
    expect(r.asset.palette.length).toBeGreaterThan(1);
    expect(r.asset.palette.every((c) => /^#[0-9a-f]{6}$/.test(c))).toBe(true);
    expect(r.asset.blurhash).toMatch(/^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{20,}$/);
    expect(r.asset.dhash).not.toBeNull();
    const variants = await getDb().select().from(mediaVariants).where(eq(mediaVariants.assetId, r.asset.id));
    expect(variants.map((v) => v.preset)).toEqual(["thumb"]);
    expect(Math.max(variants[0]!.width!, variants[0]!.height!)).toBe(400);
    const history = await listApprovals(ws.ctx("viewer"), r.asset.id);
    expect(history.map((h) => [h.action, h.toStatus])).toEqual([["upload", "DRAFT"]]);
    expect(await tempFiles(data.dir)).toEqual([]);
  });

  it("refuses the same file again as a duplicate and stores nothing twice, even under another name", async () => {
    const bytes = await photoJpeg(2);
    const first = created(await upload("launch.jpg", bytes));
    const objects = await storedObjects(data.dir);
    const count = await assetCount();
    const again = await upload("launch-copy.jpeg", bytes);
    expect(again.created).toBe(false);
    if (!again.created) expect(again.duplicateOf.id).toBe(first.asset.id);
    expect(await storedObjects(data.dir)).toEqual(objects);
    expect(await assetCount()).toBe(count);
  });

  it("accepts the same file in another workspace (duplicates are per workspace)", async () => {
    const bytes = await photoJpeg(3);
    created(await upload("a.jpg", bytes));
    const other = await makeWorkspace(getDb(), "Other");
    const otherLib = await createLibrary(other.ctx("owner"), { name: "Other brand" });
    const r = await ingestAsset(other.ctx("owner"), { libraryId: otherLib.id, fileName: "a.jpg", stream: chunked(bytes) }, { variants: "skip" });
    expect(r.created).toBe(true);
  });

  it("makes the platform variants inline from the focal point, never enlarging", async () => {
    const r = created(await upload("wide.png", await photoPng(4, 600, 400), { variants: "inline" }));
    const variants = await getDb().select().from(mediaVariants).where(eq(mediaVariants.assetId, r.asset.id));
    const byPreset = Object.fromEntries(variants.map((v) => [v.preset, v]));
    expect(Object.keys(byPreset).sort()).toEqual(["1.91:1", "16:9", "1:1", "2:3", "4:5", "9:16", "avif", "thumb", "webp"].sort());
    expect([byPreset["1:1"]!.width, byPreset["1:1"]!.height]).toEqual([400, 400]);
    expect([byPreset["16:9"]!.width, byPreset["16:9"]!.height]).toEqual([600, 338]);
    expect(byPreset["9:16"]!.height).toBe(400);
    expect(byPreset["webp"]!.format).toBe("webp");
    const avif = await collect((await openVariant(ws.ctx("viewer"), r.asset.id, "avif")).body);
    expect((await sharp(avif).metadata()).format).toBe("heif");
  });
});

describe("EXIF and GPS", () => {
  it("keeps a camera summary without coordinates and strips all metadata from delivered bytes", async () => {
    const bytes = await jpegWithGps(5);
    expect((await sharp(bytes).metadata()).exif).toBeDefined();
    const r = created(await upload("IMG_0001.JPG", bytes));
    expect(r.asset.exif).toMatchObject({ make: "TestPhone", model: "TP-1", software: "Camera 1.0", takenAt: "2026:05:01 10:22:31", locationRemoved: true });
    const [row] = await getDb().select().from(mediaAssets).where(eq(mediaAssets.id, r.asset.id));
    expect(JSON.stringify(row, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).not.toMatch(/GPS|Latitude|51\/1|2646/);

    // The immutable original keeps the file as uploaded (it is never delivered as it is).
    const stored = await collect(await mediaStorage().get(r.asset.originalKey));
    expect(sha(stored)).toBe(r.asset.sha256);
    expect((await sharp(stored).metadata()).exif).toBeDefined();

    const delivered = await openOriginal(ws.ctx("viewer"), r.asset.id);
    expect(delivered.contentType).toBe("image/jpeg");
    const out = await collect(delivered.body);
    const meta = await sharp(out).metadata();
    expect(meta.format).toBe("jpeg");
    expect([meta.width, meta.height]).toEqual([640, 480]);
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(out.includes(Buffer.from("Exif\0\0", "latin1"))).toBe(false);
    expect(out.includes(Buffer.from("TestPhone"))).toBe(false);

    const thumb = await collect((await openVariant(ws.ctx("viewer"), r.asset.id, "thumb")).body);
    expect((await sharp(thumb).metadata()).exif).toBeUndefined();
  });
});

describe("bad input is refused with a clear error and nothing is stored", () => {
  async function refused(fileName: string, bytes: Buffer, code: string, status: number, opts: Parameters<typeof ingestAsset>[2] = {}) {
    const objects = await storedObjects(data.dir);
    const count = await assetCount();
    const err = await upload(fileName, bytes, opts).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err, fileName).toBeInstanceOf(AppError);
    const e = err as AppError & { reason?: string; fieldErrors?: Record<string, string[]> };
    expect(e.status, `${fileName}: ${e.message}`).toBe(status);
    expect(e.reason ?? e.code, `${fileName}: ${e.message}`).toBe(code);
    expect(await storedObjects(data.dir)).toEqual(objects);
    expect(await assetCount()).toBe(count);
    expect(await tempFiles(data.dir)).toEqual([]);
    return e;
  }

  it("a zero-byte file", async () => {
    expect((await refused("empty.jpg", Buffer.alloc(0), "EMPTY_FILE", 422)).message).toMatch(/empty/);
  });

  it("a truncated JPEG", async () => {
    const whole = await photoJpeg(6);
    expect((await refused("cut.jpg", whole.subarray(0, Math.floor(whole.length / 2)), "TRUNCATED", 422)).message).toMatch(/truncated/);
  });

  it("a truncated PNG", async () => {
    const whole = await photoPng(7);
    expect((await refused("cut.png", whole.subarray(0, whole.length - 200), "CORRUPT", 422)).message).toMatch(/truncated or damaged/);
  });

  it("a wrong extension (a PNG called .jpg)", async () => {
    expect((await refused("photo.jpg", await photoPng(8), "WRONG_EXTENSION", 415)).message).toMatch(/named \.jpg but its contents are a PNG/);
  });

  it("a program renamed to .png", async () => {
    await refused("cat.png", Buffer.concat([Buffer.from("MZ"), Buffer.alloc(4096, 1)]), "UNSUPPORTED_TYPE", 415);
  });

  it("a decompression bomb (a header claiming 1.6 gigapixels)", async () => {
    expect((await refused("bomb.png", pngBomb(), "PIXEL_LIMIT", 422)).message).toMatch(/40000 × 40000/);
  });

  it("an SVG carrying script", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>');
    expect((await refused("logo.svg", svg, "SVG_UNSAFE", 422)).message).toMatch(/script/);
  });

  it("an upload over the limit for its type", async () => {
    const big = await photoJpeg(9, 1600, 1200, 95);
    const e = await refused("big.jpg", big, "FILE_TOO_LARGE", 413, { limits: { sizes: { image: 64 * 1024, svg: 1, pdf: 1, video: 1 } } });
    expect(e.message).toMatch(/JPEG images are limited to 64 KB/);
  });

  it("a truncated PDF", async () => {
    const whole = pdf(2);
    await refused("deck.pdf", whole.subarray(0, whole.length - 40), "TRUNCATED", 422);
  });
});

describe("SVG, PDF and video", () => {
  it("stores a sanitised SVG and serves it with a script-proof policy", async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 200 100" inkscape:version="1.3"><metadata>editor</metadata><rect width="200" height="100" fill="#0a7"/><circle cx="50" cy="50" r="30" fill="#fff"/></svg>',
    );
    const r = created(await upload("logo.svg", svg));
    expect(r.asset).toMatchObject({ kind: "svg", mime: "image/svg+xml", width: 200, height: 100 });
    expect(r.asset.dhash).not.toBeNull();
    expect(r.notes.join(" ")).toMatch(/Removed/);
    const d = await openOriginal(ws.ctx("viewer"), r.asset.id);
    expect(d.headers["content-security-policy"]).toMatch(/default-src 'none'/);
    const text = (await collect(d.body)).toString();
    expect(text).toContain("<circle");
    expect(text).not.toMatch(/inkscape|metadata/);
  });

  it("reads a PDF's page count and page size", async () => {
    const r = created(await upload("deck.pdf", pdf(3, 595, 842)));
    expect(r.asset).toMatchObject({ kind: "pdf", mime: "application/pdf", pageCount: 3, width: 595, height: 842, dhash: null });
  });

  it("probes a video, takes a poster frame, and delivers a copy without its location tag", async () => {
    const file = path.join(data.dir, "clip.mp4");
    mp4WithLocation(file, 2);
    const bytes = await readFile(file);
    expect(bytes.includes(Buffer.from("51.5074"))).toBe(true);
    const r = created(await upload("clip.mp4", bytes));
    expect(r.asset).toMatchObject({ kind: "video", mime: "video/mp4", format: "mp4", width: 320, height: 240 });
    expect(r.asset.durationMs).toBeGreaterThanOrEqual(1900);
    expect(r.asset.durationMs).toBeLessThanOrEqual(2100);
    expect(r.asset.blurhash).not.toBeNull();
    const presets = (await getDb().select().from(mediaVariants).where(eq(mediaVariants.assetId, r.asset.id))).map((v) => v.preset).sort();
    expect(presets).toEqual(["clean", "poster", "thumb"]);
    const poster = await collect((await openVariant(ws.ctx("viewer"), r.asset.id, "poster")).body);
    expect(await sharp(poster).metadata()).toMatchObject({ format: "jpeg", width: 320, height: 240 });
    const delivered = await collect((await openOriginal(ws.ctx("viewer"), r.asset.id)).body);
    expect(delivered.length).toBeGreaterThan(1000);
    expect(delivered.includes(Buffer.from("51.5074"))).toBe(false);
  });

  it("refuses a truncated video", async () => {
    const file = path.join(data.dir, "clip2.mp4");
    mp4WithLocation(file, 3);
    const bytes = await readFile(file);
    const e = await upload("clip2.mp4", bytes.subarray(0, Math.floor(bytes.length / 2))).catch((x: unknown) => x as AppError & { reason?: string });
    expect(e).toBeInstanceOf(AppError);
    expect((e as { reason?: string }).reason).toBe("TRUNCATED");
  });
});

describe("local storage", () => {
  it("streams large objects in and out without holding them whole, and never overwrites an immutable key", async () => {
    const storage = new LocalStorage(path.join(mediaRoot(), "scratch"));
    const size = 24 * 1024 * 1024;
    const block = Buffer.alloc(64 * 1024, 0xab);
    let produced = 0;
    const source = Readable.from(
      (function* () {
        while (produced < size) {
          produced += block.length;
          yield block;
        }
      })(),
    );
    const put = await storage.put("originals/ws/ab/big", source, { contentType: "application/octet-stream", immutable: true });
    expect(put).toEqual({ bytes: size, written: true });
    expect(await storage.head("originals/ws/ab/big")).toEqual({ bytes: size, contentType: null });
    let chunks = 0;
    let total = 0;
    let largest = 0;
    for await (const c of await storage.get("originals/ws/ab/big")) {
      chunks++;
      total += (c as Buffer).length;
      largest = Math.max(largest, (c as Buffer).length);
    }
    expect(total).toBe(size);
    expect(chunks).toBeGreaterThan(100);
    expect(largest).toBeLessThanOrEqual(1024 * 1024);
    const again = await storage.put("originals/ws/ab/big", Readable.from([Buffer.from("different")]), { contentType: "text/plain", immutable: true });
    expect(again.written).toBe(false);
    expect((await storage.head("originals/ws/ab/big"))!.bytes).toBe(size);
    await storage.delete("originals/ws/ab/big");
    expect(await storage.head("originals/ws/ab/big")).toBeNull();
    await expect(storage.get("originals/ws/ab/big")).rejects.toThrow(/No stored object/);
    expect(() => storage.head("../etc/passwd")).rejects.toThrow(/Unsafe/);
  });
});

describe("resumable uploads", () => {
  it("accepts chunks in order, acknowledges a repeated chunk, says where to resume, and finishes into an asset", async () => {
    const bytes = await photoJpeg(10, 1600, 1200, 95);
    const ctx = ws.ctx("marketer");
    const session = await createUpload(ctx, { libraryId, fileName: "hero.jpg", bytes: bytes.length });
    const third = Math.ceil(bytes.length / 3);
    const send = (start: number, end: number) => appendUploadChunk(ctx, session.id, parseContentRange(`bytes ${start}-${end}/${bytes.length}`), Readable.from([bytes.subarray(start, end + 1)]));
    expect((await send(0, third - 1)).receivedBytes).toBe(third);
    // The connection dropped after the server stored the chunk: the client sends it again.
    expect((await send(0, third - 1)).receivedBytes).toBe(third);
    // Skipping ahead is refused with the offset to resume from.
    const skipped = await failure(send(2 * third, bytes.length - 1));
    expect(skipped).toMatchObject({ code: "UPLOAD_OFFSET_MISMATCH", status: 409, details: { receivedBytes: third } });
    const early = await failure(finishUpload(ctx, session.id));
    expect(early).toMatchObject({ code: "UPLOAD_INCOMPLETE", status: 409 });
    await send(third, 2 * third - 1);
    expect((await getUpload(ctx, session.id)).receivedBytes).toBe(2 * third);
    await send(2 * third, bytes.length - 1);
    const { upload: done, result } = await finishUpload(ctx, session.id, { variants: "skip" });
    expect(done.status).toBe("completed");
    const asset = created(result).asset;
    expect(asset.sha256).toBe(sha(bytes));
    expect(asset.bytes).toBe(bytes.length);
    expect(done.assetId).toBe(asset.id);
    expect((await failure(finishUpload(ctx, session.id))).code).toBe("UPLOAD_NOT_OPEN");
  });

  it("refuses a chunk longer than its Content-Range, and a file over the upload limit", async () => {
    const ctx = ws.ctx("marketer");
    const s = await createUpload(ctx, { libraryId, fileName: "x.jpg", bytes: 100 });
    const e = await failure(appendUploadChunk(ctx, s.id, parseContentRange("bytes 0-9/100"), Readable.from([Buffer.alloc(20)])));
    expect(e.code).toBe("CHUNK_LENGTH_MISMATCH");
    expect((await failure(createUpload(ctx, { libraryId, fileName: "huge.mov", bytes: 5 * 1024 ** 3 }))).code).toBe("FILE_TOO_LARGE");
  });

  it("answers a finished duplicate with the existing asset", async () => {
    const bytes = await photoJpeg(2);
    const ctx = ws.ctx("marketer");
    const s = await createUpload(ctx, { libraryId, fileName: "again.jpg", bytes: bytes.length });
    await appendUploadChunk(ctx, s.id, parseContentRange(`bytes 0-${bytes.length - 1}/${bytes.length}`), Readable.from([bytes]));
    const { upload: u, result } = await finishUpload(ctx, s.id, { variants: "skip" });
    expect(result.created).toBe(false);
    expect(u.duplicate).toBe(true);
    const [orig] = await getDb().select().from(mediaAssets).where(and(eq(mediaAssets.workspaceId, ws.id), eq(mediaAssets.sha256, sha(bytes))));
    expect(u.assetId).toBe(orig!.id);
  });

  it("fails a finished upload that is not an accepted file, and keeps nothing", async () => {
    const ctx = ws.ctx("marketer");
    const junk = Buffer.from("this is plainly not a picture");
    const s = await createUpload(ctx, { libraryId, fileName: "notes.txt", bytes: junk.length });
    await appendUploadChunk(ctx, s.id, parseContentRange(`bytes 0-${junk.length - 1}/${junk.length}`), Readable.from([junk]));
    expect((await failure(finishUpload(ctx, s.id))).code).toBe("UNSUPPORTED_TYPE");
    const after = await getUpload(ctx, s.id);
    expect(after).toMatchObject({ status: "failed", errorCode: "UNSUPPORTED_TYPE" });
  });
});
