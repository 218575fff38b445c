// The media REST API as Next calls it (Request in, Response out) with API keys: uploads, downloads, lifecycle, usage,
// resumable uploads, and 404 for every route aimed at another workspace's ids. Never reaches the network.
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestDb } from "@/db/test-db";
import { mediaRoutes } from "@/lib/api/specs/media";
import type { Role } from "@/lib/auth/permissions";
import { createCampaign } from "@/lib/campaigns";
import { setEnv } from "@/lib/env";
import { stopQueue } from "@/lib/jobs";
import { createLibrary, createUpload, ingestAsset } from "@/lib/media";
import { createApiKey } from "@/lib/workspaces";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";
import { chunked, useTempDataDir } from "../fixtures/media/helpers";
import { jpegWithGps, photoJpeg } from "../fixtures/media/make";

type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Mod = Partial<Record<"GET" | "POST" | "PATCH" | "PUT" | "DELETE", Handler>>;

const getDb = setupTestDb();
let data: { cleanup: () => Promise<void> };
let a: TestWorkspace;
let b: TestWorkspace;
const keys = {} as Record<Role, string>;
let bIds: { library: string; asset: string; upload: string; campaign: string };

const r = {} as {
  libraries: Mod;
  library: Mod;
  assets: Mod;
  asset: Mod;
  purge: Mod;
  transitions: Mod;
  original: Mod;
  variant: Mod;
  duplicates: Mod;
  usages: Mod;
  bulk: Mod;
  mostUsed: Mod;
  uploads: Mod;
  upload: Mod;
  finish: Mod;
};

beforeAll(async () => {
  data = await useTempDataDir();
  setEnv("DATABASE_URL", getDb().$client.options.connectionString!);
  a = await makeWorkspace(getDb(), "Workspace A");
  b = await makeWorkspace(getDb(), "Workspace B");
  for (const role of ["owner", "marketer", "approver", "viewer"] as const) keys[role] = (await createApiKey(a.ctx("owner"), { name: role, role })).key;
  const bLib = await createLibrary(b.ctx("owner"), { name: "B's secret library" });
  const bAsset = await ingestAsset(b.ctx("owner"), { libraryId: bLib.id, fileName: "secret.jpg", stream: chunked(await photoJpeg(4242, 300, 200)) }, { variants: "skip" });
  if (!bAsset.created) throw new Error("dup");
  const bUpload = await createUpload(b.ctx("owner"), { libraryId: bLib.id, fileName: "secret-big.mp4", bytes: 1000 });
  const bCampaign = await createCampaign(b.ctx("owner"), { name: "B's secret campaign" });
  bIds = { library: bLib.id, asset: bAsset.asset.id, upload: bUpload.id, campaign: bCampaign.id };
  r.libraries = await import("@/app/api/v1/media/libraries/route");
  r.library = await import("@/app/api/v1/media/libraries/[id]/route");
  r.assets = await import("@/app/api/v1/media/assets/route");
  r.asset = await import("@/app/api/v1/media/assets/[id]/route");
  r.purge = await import("@/app/api/v1/media/assets/[id]/purge/route");
  r.transitions = await import("@/app/api/v1/media/assets/[id]/transitions/route");
  r.original = await import("@/app/api/v1/media/assets/[id]/original/route");
  r.variant = await import("@/app/api/v1/media/assets/[id]/variants/[preset]/route");
  r.duplicates = await import("@/app/api/v1/media/assets/[id]/duplicates/route");
  r.usages = await import("@/app/api/v1/media/assets/[id]/usages/route");
  r.bulk = await import("@/app/api/v1/media/transitions/route");
  r.mostUsed = await import("@/app/api/v1/media/most-used/route");
  r.uploads = await import("@/app/api/v1/media/uploads/route");
  r.upload = await import("@/app/api/v1/media/uploads/[id]/route");
  r.finish = await import("@/app/api/v1/media/uploads/[id]/finish/route");
}, 60_000);

afterAll(async () => {
  await stopQueue();
  await data.cleanup();
});

function call(mod: Mod, method: keyof Mod, url: string, opts: { role?: Role; json?: unknown; body?: BodyInit; headers?: Record<string, string>; params?: Record<string, string> } = {}) {
  const headers = new Headers(opts.headers);
  headers.set("authorization", `Bearer ${keys[opts.role ?? "owner"]}`);
  let body = opts.body;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers.set("content-type", "application/json");
  }
  const init: RequestInit & { duplex?: "half" } = { method, headers, body };
  if (body instanceof ReadableStream) init.duplex = "half";
  return mod[method]!(new Request(`http://localhost${url}`, init), { params: Promise.resolve(opts.params ?? {}) });
}

function form(bytes: Buffer, fileName: string, type = "application/octet-stream"): FormData {
  const f = new FormData();
  f.append("file", new Blob([new Uint8Array(bytes)], { type }), fileName);
  return f;
}

async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

describe("media REST", () => {
  let libraryId = "";
  let assetId = "";

  it("creates a library and uploads a file as multipart; the same file again answers its duplicate", async () => {
    const lib = await call(r.libraries, "POST", "/api/v1/media/libraries", { role: "marketer", json: { name: "Spring brand" } });
    expect(lib.status).toBe(201);
    libraryId = (await json<{ id: string }>(lib)).id;
    const bytes = await jpegWithGps(31);
    const up = await call(r.assets, "POST", `/api/v1/media/assets?libraryId=${libraryId}`, { role: "marketer", body: form(bytes, "team.jpg", "image/jpeg") });
    expect(up.status).toBe(201);
    const body = await json<{ created: boolean; asset: { id: string; width: number; exif: Record<string, unknown> } }>(up);
    expect(body.created).toBe(true);
    expect(body.asset.width).toBe(640);
    expect(body.asset.exif.locationRemoved).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/originalKey|originals\//);
    assetId = body.asset.id;
    // The platform variants were queued as a job for this asset.
    const jobs = await getDb().execute(sql`select data from pgboss.job where name = 'media.generate-variants'`);
    expect(jobs.rows.map((j) => (j as { data: { assetId: string } }).data.assetId)).toContain(assetId);
    const dup = await call(r.assets, "POST", `/api/v1/media/assets?libraryId=${libraryId}`, { role: "marketer", body: form(bytes, "team-again.jpg") });
    expect(dup.status).toBe(200);
    expect(await json(dup)).toMatchObject({ created: false, duplicateOf: { id: assetId } });
  });

  it("refuses a viewer's upload before reading it, and bad files with their status", async () => {
    const viewer = await call(r.assets, "POST", `/api/v1/media/assets?libraryId=${libraryId}`, { role: "viewer", body: form(await photoJpeg(32, 50, 50), "v.jpg") });
    expect(viewer.status).toBe(403);
    const wrong = await call(r.assets, "POST", `/api/v1/media/assets?libraryId=${libraryId}`, { role: "marketer", body: form(await sharp(await photoJpeg(33, 50, 50)).png().toBuffer(), "x.jpg") });
    expect(wrong.status).toBe(415);
    expect((await json<{ error: { code: string } }>(wrong)).error.code).toBe("WRONG_EXTENSION");
    const empty = await call(r.assets, "POST", `/api/v1/media/assets?libraryId=${libraryId}`, { role: "marketer", body: form(Buffer.alloc(0), "empty.png") });
    expect(empty.status).toBe(422);
    const notMultipart = await call(r.assets, "POST", `/api/v1/media/assets?libraryId=${libraryId}`, { role: "marketer", json: { file: "nope" } });
    expect(notMultipart.status).toBe(400);
  });

  it("lists, reads and edits the asset, and streams downloads without EXIF", async () => {
    const list = await json<{ items: { id: string }[] }>(await call(r.assets, "GET", `/api/v1/media/assets?libraryId=${libraryId}&orientation=landscape`, { role: "viewer" }));
    expect(list.items.map((x) => x.id)).toEqual([assetId]);
    const patched = await call(r.asset, "PATCH", `/api/v1/media/assets/${assetId}`, { role: "marketer", json: { tags: ["Team", "office"], altText: "The team", focalPoint: { x: 0.3, y: 0.4 } }, params: { id: assetId } });
    expect(patched.status).toBe(200);
    expect(await json(patched)).toMatchObject({ tags: ["office", "team"], altText: "The team", focalPoint: { x: 0.3, y: 0.4 } });
    const dl = await call(r.original, "GET", `/api/v1/media/assets/${assetId}/original?download=1`, { role: "viewer", params: { id: assetId } });
    expect(dl.status).toBe(200);
    expect(dl.headers.get("content-type")).toBe("image/jpeg");
    expect(dl.headers.get("content-disposition")).toMatch(/^attachment; filename="team.jpg"/);
    const bytes = Buffer.from(await dl.arrayBuffer());
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    const thumb = await call(r.variant, "GET", `/api/v1/media/assets/${assetId}/variants/thumb`, { role: "viewer", params: { id: assetId, preset: "thumb" } });
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    const missing = await call(r.variant, "GET", `/api/v1/media/assets/${assetId}/variants/9x16`, { role: "viewer", params: { id: assetId, preset: "9x16" } });
    expect([missing.status, (await json<{ error: { code: string } }>(missing)).error.code]).toEqual([404, "VARIANT_NOT_FOUND"]);
    const dups = await call(r.duplicates, "GET", `/api/v1/media/assets/${assetId}/duplicates?maxDistance=12`, { role: "viewer", params: { id: assetId } });
    expect(await json(dups)).toEqual({ items: [], maxDistance: 12 });
  });

  it("moves through review with role checks and shows the history", async () => {
    const t = (role: Role, body: unknown) => call(r.transitions, "POST", `/api/v1/media/assets/${assetId}/transitions`, { role, json: body, params: { id: assetId } });
    expect((await t("marketer", { action: "submit" })).status).toBe(200);
    expect((await t("marketer", { action: "approve" })).status).toBe(403);
    const noNote = await t("approver", { action: "reject" });
    expect(noNote.status).toBe(422);
    expect((await json<{ error: { fieldErrors: Record<string, string[]> } }>(noNote)).error.fieldErrors.note).toBeDefined();
    expect(await json(await t("approver", { action: "approve", note: "Ship it" }))).toMatchObject({ status: "APPROVED" });
    const history = await json<{ items: { action: string; note: string | null; actor: string }[] }>(
      await call(r.transitions, "GET", `/api/v1/media/assets/${assetId}/transitions`, { role: "viewer", params: { id: assetId } }),
    );
    expect(history.items.map((h) => h.action)).toEqual(["upload", "submit", "approve"]);
    expect(history.items[2]).toMatchObject({ note: "Ship it", actor: expect.stringMatching(/^api-key:/) });
    const bulk = await call(r.bulk, "POST", "/api/v1/media/transitions", { role: "approver", json: { ids: [assetId], action: "approve" } });
    expect(await json(bulk)).toMatchObject({ done: [], skipped: [{ id: assetId, code: "INVALID_TRANSITION" }] });
  });

  it("attaches to a campaign, lists where used and most used, and refuses deletion while in use", async () => {
    const campaign = await createCampaign(a.ctx("owner"), { name: "Launch" });
    const attach = await call(r.usages, "POST", `/api/v1/media/assets/${assetId}/usages`, { role: "marketer", json: { entityType: "campaign", entityId: campaign.id }, params: { id: assetId } });
    expect(attach.status).toBe(201);
    expect(await json(attach)).toMatchObject({ entityType: "campaign", campaignName: "Launch" });
    const again = await call(r.usages, "POST", `/api/v1/media/assets/${assetId}/usages`, { role: "marketer", json: { entityType: "campaign", entityId: campaign.id }, params: { id: assetId } });
    expect(again.status).toBe(200);
    const used = await json<{ items: unknown[] }>(await call(r.usages, "GET", `/api/v1/media/assets/${assetId}/usages`, { role: "viewer", params: { id: assetId } }));
    expect(used.items).toHaveLength(1);
    const top = await json<{ items: { asset: { id: string }; usageCount: number }[] }>(await call(r.mostUsed, "GET", "/api/v1/media/most-used", { role: "viewer" }));
    expect(top.items[0]).toMatchObject({ asset: { id: assetId }, usageCount: 1 });
    const del = await call(r.asset, "DELETE", `/api/v1/media/assets/${assetId}`, { role: "owner", params: { id: assetId } });
    expect(del.status).toBe(409);
    expect((await json<{ error: { code: string; message: string } }>(del)).error).toMatchObject({ code: "ASSET_IN_USE", message: expect.stringMatching(/Archive it instead/) });
    const purge = await call(r.purge, "POST", `/api/v1/media/assets/${assetId}/purge`, { role: "owner", params: { id: assetId } });
    expect(purge.status).toBe(409);
    const detach = await call(r.usages, "DELETE", `/api/v1/media/assets/${assetId}/usages?entityType=campaign&entityId=${campaign.id}`, { role: "marketer", params: { id: assetId } });
    expect(await json(detach)).toEqual({ detached: true });
  });

  it("takes a resumable upload in chunks and finishes it into an asset", async () => {
    const bytes = await photoJpeg(34, 900, 600);
    const created = await call(r.uploads, "POST", "/api/v1/media/uploads", { role: "marketer", json: { libraryId, fileName: "big.jpg", bytes: bytes.length } });
    expect(created.status).toBe(201);
    const { id } = await json<{ id: string }>(created);
    const half = Math.floor(bytes.length / 2);
    const put = (start: number, end: number, header = `bytes ${start}-${end}/${bytes.length}`) =>
      call(r.upload, "PUT", `/api/v1/media/uploads/${id}`, { role: "marketer", body: new Uint8Array(bytes.subarray(start, end + 1)), headers: { "content-range": header, "content-type": "application/octet-stream" }, params: { id } });
    expect((await put(0, half - 1, "bytes nonsense")).status).toBe(400);
    expect(await json(await put(0, half - 1))).toMatchObject({ receivedBytes: half, status: "open" });
    const ahead = await put(half + 10, bytes.length - 1);
    expect(ahead.status).toBe(409);
    expect((await json<{ error: { code: string } }>(ahead)).error.code).toBe("UPLOAD_OFFSET_MISMATCH");
    const state = await json<{ receivedBytes: number }>(await call(r.upload, "GET", `/api/v1/media/uploads/${id}`, { role: "marketer", params: { id } }));
    expect(state.receivedBytes).toBe(half);
    await put(half, bytes.length - 1);
    const finished = await call(r.finish, "POST", `/api/v1/media/uploads/${id}/finish`, { role: "marketer", params: { id } });
    expect(finished.status).toBe(201);
    expect(await json(finished)).toMatchObject({ upload: { status: "completed" }, result: { created: true, asset: { width: 900, height: 600 } } });
  });

  it("documents every media route it serves", () => {
    const ids = mediaRoutes.map((x) => `${x.method} ${x.path}`);
    expect(ids).toHaveLength(26);
    expect(new Set(ids).size).toBe(26);
  });
});

describe("another workspace's ids are not found on every media route", () => {
  const foreign: [keyof typeof r, keyof Mod, (ids: typeof bIds) => string, (ids: typeof bIds) => Record<string, string>, unknown?][] = [
    ["library", "GET", (i) => `/api/v1/media/libraries/${i.library}`, (i) => ({ id: i.library })],
    ["library", "PATCH", (i) => `/api/v1/media/libraries/${i.library}`, (i) => ({ id: i.library }), { name: "Hijacked" }],
    ["library", "DELETE", (i) => `/api/v1/media/libraries/${i.library}`, (i) => ({ id: i.library })],
    ["assets", "POST", (i) => `/api/v1/media/assets?libraryId=${i.library}`, () => ({}), { file: "x" }],
    ["asset", "GET", (i) => `/api/v1/media/assets/${i.asset}`, (i) => ({ id: i.asset })],
    ["asset", "PATCH", (i) => `/api/v1/media/assets/${i.asset}`, (i) => ({ id: i.asset }), { name: "Hijacked" }],
    ["asset", "DELETE", (i) => `/api/v1/media/assets/${i.asset}`, (i) => ({ id: i.asset })],
    ["purge", "POST", (i) => `/api/v1/media/assets/${i.asset}/purge`, (i) => ({ id: i.asset })],
    ["transitions", "GET", (i) => `/api/v1/media/assets/${i.asset}/transitions`, (i) => ({ id: i.asset })],
    ["transitions", "POST", (i) => `/api/v1/media/assets/${i.asset}/transitions`, (i) => ({ id: i.asset }), { action: "archive" }],
    ["original", "GET", (i) => `/api/v1/media/assets/${i.asset}/original`, (i) => ({ id: i.asset })],
    ["variant", "GET", (i) => `/api/v1/media/assets/${i.asset}/variants/thumb`, (i) => ({ id: i.asset, preset: "thumb" })],
    ["duplicates", "GET", (i) => `/api/v1/media/assets/${i.asset}/duplicates`, (i) => ({ id: i.asset })],
    ["usages", "GET", (i) => `/api/v1/media/assets/${i.asset}/usages`, (i) => ({ id: i.asset })],
    ["usages", "POST", (i) => `/api/v1/media/assets/${i.asset}/usages`, (i) => ({ id: i.asset }), { entityType: "post", entityId: "p1" }],
    ["usages", "DELETE", (i) => `/api/v1/media/assets/${i.asset}/usages?entityType=post&entityId=p1`, (i) => ({ id: i.asset })],
    ["uploads", "POST", () => "/api/v1/media/uploads", () => ({}), "library"],
    ["upload", "GET", (i) => `/api/v1/media/uploads/${i.upload}`, (i) => ({ id: i.upload })],
    ["upload", "PUT", (i) => `/api/v1/media/uploads/${i.upload}`, (i) => ({ id: i.upload }), { chunk: "x" }],
    ["upload", "DELETE", (i) => `/api/v1/media/uploads/${i.upload}`, (i) => ({ id: i.upload })],
    ["finish", "POST", (i) => `/api/v1/media/uploads/${i.upload}/finish`, (i) => ({ id: i.upload })],
  ];

  it.each(foreign.map((f) => [`${f[1]} ${f[2]({ library: "{library}", asset: "{asset}", upload: "{upload}", campaign: "" })}`, f] as const))("%s", async (_label, [mod, method, url, params, body]) => {
    const json = body === "library" ? { libraryId: bIds.library, fileName: "x.mp4", bytes: 10 } : body;
    const res = await call(r[mod], method, url(bIds), { role: "owner", json, params: params(bIds) });
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toMatch(/NOT_FOUND$/);
    expect(text).not.toMatch(/secret/);
  });

  it("keeps lists, most-used and bulk moves to the caller's workspace", async () => {
    const list = await json<{ items: { id: string }[] }>(await call(r.assets, "GET", "/api/v1/media/assets?limit=200", { role: "owner" }));
    expect(list.items.map((x) => x.id)).not.toContain(bIds.asset);
    const libs = await json<{ items: { id: string }[] }>(await call(r.libraries, "GET", "/api/v1/media/libraries", { role: "owner" }));
    expect(libs.items.map((x) => x.id)).not.toContain(bIds.library);
    const bulk = await json(await call(r.bulk, "POST", "/api/v1/media/transitions", { role: "owner", json: { ids: [bIds.asset], action: "archive" } }));
    expect(bulk).toEqual({ action: "archive", done: [], skipped: [{ id: bIds.asset, code: "ASSET_NOT_FOUND", reason: "Asset not found." }] });
    const top = await json<{ items: { asset: { id: string } }[] }>(await call(r.mostUsed, "GET", "/api/v1/media/most-used", { role: "owner" }));
    expect(top.items.map((x) => x.asset.id)).not.toContain(bIds.asset);
    // Naming B's campaign on A's own asset reveals nothing: a validation error.
    const mine = await ingestAsset(a.ctx("marketer"), { libraryId: (await createLibrary(a.ctx("owner"), { name: "Iso" })).id, fileName: "m.jpg", stream: chunked(await photoJpeg(35, 60, 40)) }, { variants: "skip" });
    if (!mine.created) throw new Error("dup");
    const res = await call(r.usages, "POST", `/api/v1/media/assets/${mine.asset.id}/usages`, { role: "owner", json: { entityType: "campaign", entityId: bIds.campaign }, params: { id: mine.asset.id } });
    expect(res.status).toBe(422);
    expect(await res.text()).not.toMatch(/secret/);
  });
});
