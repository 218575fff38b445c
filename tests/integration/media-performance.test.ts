// Media performance against a real Postgres: batched, idempotent, all-or-nothing ingestion with totals kept in step,
// per-channel reads with the high-performer flag, comparison, top performers, library statistics, alt text and the REST routes.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestDb } from "@/db/test-db";
import { auditLog, mediaAssets, mediaLibraries, mediaMetricsDaily, type MediaAsset, type MediaKind } from "@/db/schema";
import { AppError, ForbiddenError, ValidationError } from "@/lib/errors";
import type { Role } from "@/lib/auth/permissions";
import { setEnv } from "@/lib/env";
import { ingestMetrics } from "@/lib/media";
import { createApiKey } from "@/lib/workspaces";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";

const getDb = setupTestDb();
let a: TestWorkspace;
let b: TestWorkspace;
let libA: string;
let libB: string;

/** An asset row as the upload pipeline would leave it (no file needed for metrics maths). */
async function insertAsset(ws: TestWorkspace, libraryId: string, over: Partial<typeof mediaAssets.$inferInsert> = {}): Promise<MediaAsset> {
  const width = over.width ?? 1080;
  const height = over.height ?? 1350;
  const [row] = await getDb()
    .insert(mediaAssets)
    .values({
      workspaceId: ws.id,
      libraryId,
      name: `asset ${randomUUID().slice(0, 6)}`,
      originalFileName: "a.jpg",
      kind: "image" as MediaKind,
      mime: "image/jpeg",
      format: "jpeg",
      bytes: 200_000,
      width,
      height,
      aspectRatio: width / height,
      sha256: randomUUID().replace(/-/g, ""),
      originalKey: `k/${randomUUID()}`,
      ...over,
    })
    .returning();
  return row!;
}

async function lib(ws: TestWorkspace, name: string): Promise<string> {
  const [row] = await getDb().insert(mediaLibraries).values({ workspaceId: ws.id, name }).returning();
  return row!.id;
}

const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  a = await makeWorkspace(getDb(), "Perf A");
  b = await makeWorkspace(getDb(), "Perf B");
  libA = await lib(a, "Brand A");
  libB = await lib(b, "Brand B");
}, 60_000);

afterAll(async () => {});

async function storedRows(assetId: string) {
  return getDb().select().from(mediaMetricsDaily).where(eq(mediaMetricsDaily.assetId, assetId)).orderBy(mediaMetricsDaily.channel, mediaMetricsDaily.day);
}

async function reload(id: string): Promise<MediaAsset> {
  const [row] = await getDb().select().from(mediaAssets).where(eq(mediaAssets.id, id));
  return row!;
}

describe("ingestMetrics", () => {
  it("stores a batch, keeps the asset's all-time totals and CTR, and a re-sent day replaces that day (idempotent)", async () => {
    const asset = await insertAsset(a, libA);
    const ctx = a.ctx("marketer");
    const first = await ingestMetrics(ctx, {
      rows: [
        { assetId: asset.id, channel: "Instagram", day: day(2), impressions: 1000, clicks: 30, engagements: 80, conversions: 3 },
        { assetId: asset.id, channel: "instagram", day: day(1), impressions: 500, clicks: 10 },
        { assetId: asset.id, channel: "linkedin", day: day(1), impressions: "2000", clicks: "40", engagements: "", conversions: 2 },
      ],
    });
    expect(first).toEqual({ rows: 3, inserted: 3, replaced: 0, assets: 1 });
    let stored = await storedRows(asset.id);
    expect(stored.map((r) => [r.channel, r.day, r.impressions, r.clicks, r.engagements, r.conversions])).toEqual([
      ["instagram", day(2), 1000, 30, 80, 3],
      ["instagram", day(1), 500, 10, 0, 0],
      ["linkedin", day(1), 2000, 40, 0, 2],
    ]);
    let totals = await reload(asset.id);
    expect([totals.impressions, totals.clicks]).toEqual([3500, 80]);
    expect(totals.ctr).toBeCloseTo(80 / 3500, 10);

    const again = await ingestMetrics(ctx, { rows: [{ assetId: asset.id, channel: "instagram", day: day(1), impressions: 600, clicks: 12 }] });
    expect(again).toEqual({ rows: 1, inserted: 0, replaced: 1, assets: 1 });
    // Sending the same report twice changes nothing.
    await ingestMetrics(ctx, { rows: [{ assetId: asset.id, channel: "instagram", day: day(1), impressions: 600, clicks: 12 }] });
    stored = await storedRows(asset.id);
    expect(stored).toHaveLength(3);
    expect(stored.find((r) => r.day === day(1) && r.channel === "instagram")).toMatchObject({ impressions: 600, clicks: 12 });
    totals = await reload(asset.id);
    expect([totals.impressions, totals.clicks]).toEqual([3600, 82]);
    expect(totals.ctr).toBeCloseTo(82 / 3600, 10);

    const audits = await getDb().select().from(auditLog).where(and(eq(auditLog.workspaceId, a.id), eq(auditLog.action, "media_asset.metrics_ingest")));
    expect(audits.length).toBeGreaterThanOrEqual(3);
  });

  it("is all-or-nothing: one bad row, named by row and field, stores nothing", async () => {
    const asset = await insertAsset(a, libA);
    const ctx = a.ctx("marketer");
    const bad = ingestMetrics(ctx, {
      rows: [
        { assetId: asset.id, channel: "x", day: day(3), impressions: 100, clicks: 5 },
        { assetId: asset.id, channel: "x", day: day(2), impressions: 100, clicks: 101 },
      ],
    });
    await expect(bad).rejects.toBeInstanceOf(ValidationError);
    const err = (await bad.catch((e: unknown) => e)) as ValidationError;
    expect(err.message).toMatch(/^Row 2, clicks: Clicks \(101\) cannot exceed impressions \(100\)/);
    expect(err.fieldErrors["rows.1.clicks"]).toBeDefined();
    expect(await storedRows(asset.id)).toHaveLength(0);
    expect((await reload(asset.id)).impressions).toBe(0);
  });

  it.each([
    [{ impressions: -1 }, "rows.0.impressions"],
    [{ impressions: 10, clicks: 2, conversions: 3 }, "rows.0.conversions"],
    [{ day: "2026-02-30" }, "rows.0.day"],
    [{ day: "2999-01-01" }, "rows.0.day"],
    [{ channel: "Insta gram!" }, "rows.0.channel"],
    [{ impressions: 1.5 }, "rows.0.impressions"],
    [{ impressions: undefined }, "rows.0.impressions"],
  ])("refuses %o with an error on %s", async (patch, key) => {
    const asset = await insertAsset(a, libA);
    const row = { assetId: asset.id, channel: "x", day: day(1), impressions: 10, ...patch };
    const err = (await ingestMetrics(a.ctx("marketer"), { rows: [row as never] }).catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(Object.keys(err.fieldErrors)).toContain(key);
    expect(await storedRows(asset.id)).toHaveLength(0);
  });

  it("refuses the same asset, channel and day twice in one batch", async () => {
    const asset = await insertAsset(a, libA);
    const row = { assetId: asset.id, channel: "x", day: day(1), impressions: 10 };
    const err = (await ingestMetrics(a.ctx("marketer"), { rows: [row, { ...row, impressions: 20 }] }).catch((e: unknown) => e)) as ValidationError;
    expect(err.fieldErrors["rows.1.day"]?.[0]).toMatch(/Repeats row 1/);
  });

  it("answers another workspace's asset (and a deleted one) as not found, naming the row, and stores nothing", async () => {
    const mine = await insertAsset(a, libA);
    const theirs = await insertAsset(b, libB);
    const deleted = await insertAsset(a, libA, { status: "DELETED", deletedAt: new Date() });
    for (const foreign of [theirs.id, deleted.id]) {
      const err = (await ingestMetrics(a.ctx("owner"), {
        rows: [
          { assetId: mine.id, channel: "x", day: day(1), impressions: 10 },
          { assetId: foreign, channel: "x", day: day(1), impressions: 10 },
        ],
      }).catch((e: unknown) => e)) as AppError;
      expect(err).toBeInstanceOf(AppError);
      expect(err.status).toBe(404);
      expect(err.code).toBe("ASSET_NOT_FOUND");
      expect(err.message).toMatch(/^Row 2, assetId/);
    }
    expect(await storedRows(mine.id)).toHaveLength(0);
    expect(await storedRows(theirs.id)).toHaveLength(0);
  });

  it("needs media.write: viewers and approvers cannot send figures", async () => {
    const asset = await insertAsset(a, libA);
    for (const role of ["viewer", "approver"] as const) {
      await expect(ingestMetrics(a.ctx(role), { rows: [{ assetId: asset.id, channel: "x", day: day(1), impressions: 10 }] })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await storedRows(asset.id)).toHaveLength(0);
  });

  it("takes a large batch in one statement", async () => {
    const assets = await Promise.all(Array.from({ length: 5 }, () => insertAsset(a, libA)));
    const rows = assets.flatMap((x) => Array.from({ length: 400 }, (_, i) => ({ assetId: x.id, channel: i % 2 ? "facebook" : "instagram", day: day(Math.floor(i / 2) + 1), impressions: 100 + i, clicks: i % 7 })));
    const res = await ingestMetrics(a.ctx("marketer"), { rows });
    expect(res).toEqual({ rows: 2000, inserted: 2000, replaced: 0, assets: 5 });
    const t = await reload(assets[0]!.id);
    expect(t.impressions).toBe(rows.filter((r) => r.assetId === assets[0]!.id).reduce((n, r) => n + r.impressions, 0));
  });
});

describe("performance reads", () => {
  let c: TestWorkspace;
  let libC: string;
  let libC2: string;
  const ids = {} as Record<"p1" | "p2a" | "p2b" | "p3" | "p5" | "few" | "wide" | "archived" | "none", string>;

  /** Spreads `impressions`/`clicks` over `days` days on one channel. */
  function spread(assetId: string, channel: string, impressions: number, clicks: number, days = 3, engagements = 0, conversions = 0) {
    return Array.from({ length: days }, (_, i) => {
      const share = (n: number) => Math.floor(n / days) + (i === 0 ? n % days : 0);
      return { assetId, channel, day: day(i + 1), impressions: share(impressions), clicks: share(clicks), engagements: share(engagements), conversions: share(conversions) };
    });
  }

  beforeAll(async () => {
    c = await makeWorkspace(getDb(), "Perf C");
    libC = await lib(c, "Main");
    libC2 = await lib(c, "Other");
    ids.p1 = (await insertAsset(c, libC)).id;
    ids.p2a = (await insertAsset(c, libC)).id;
    ids.p2b = (await insertAsset(c, libC, { width: 1080, height: 1080, aspectRatio: 1 })).id;
    ids.p3 = (await insertAsset(c, libC)).id;
    ids.p5 = (await insertAsset(c, libC)).id;
    ids.few = (await insertAsset(c, libC)).id;
    ids.wide = (await insertAsset(c, libC2, { width: 1920, height: 1080, aspectRatio: 16 / 9, kind: "video", mime: "video/mp4", format: "mp4", bytes: 5_000_000 })).id;
    ids.archived = (await insertAsset(c, libC, { status: "ARCHIVED" })).id;
    ids.none = (await insertAsset(c, libC2, { kind: "pdf", mime: "application/pdf", format: "pdf", width: null, height: null, aspectRatio: null, bytes: 1000 })).id;
    await ingestMetrics(c.ctx("marketer"), {
      rows: [
        ...spread(ids.p1, "instagram", 10_000, 100, 3, 400, 10),
        ...spread(ids.p2a, "instagram", 5_000, 100),
        ...spread(ids.p2b, "instagram", 2_000, 40),
        ...spread(ids.p3, "instagram", 10_000, 300),
        ...spread(ids.p5, "instagram", 4_000, 200, 3, 300, 20),
        // A spectacular CTR on too few impressions: neither flagged nor counted in the median.
        ...spread(ids.few, "instagram", 900, 90),
        ...spread(ids.p5, "linkedin", 3_000, 30),
        ...spread(ids.wide, "linkedin", 3_000, 60),
        ...spread(ids.archived, "instagram", 3_000, 600),
      ],
    });
    // Another workspace's figures never move this one's medians.
    const other = (await insertAsset(b, libB)).id;
    await ingestMetrics(b.ctx("owner"), { rows: spread(other, "instagram", 100_000, 50_000) });
  }, 60_000);

  it("computes the channel median in SQL exactly as the pure median() does", async () => {
    const { channelMedians } = await import("@/lib/media");
    const { median } = await import("@/lib/media/performance-math");
    const medians = await channelMedians(c.ctx("viewer"));
    // Qualifying instagram CTRs: 1 %, 2 %, 2 %, 3 %, 5 %, 20 % (archived still counts: it ran); `few` is left out.
    expect(medians.get("instagram")).toBeCloseTo(median([0.01, 0.02, 0.02, 0.03, 0.05, 0.2])!, 12);
    expect(medians.get("instagram")).toBeCloseTo(0.025, 12);
    expect(medians.get("linkedin")).toBeCloseTo(median([0.01, 0.02])!, 12);
  });

  it("getAssetPerformance: per-channel totals, rates, daily series and the high-performer flag", async () => {
    const { getAssetPerformance } = await import("@/lib/media");
    const p5 = await getAssetPerformance(c.ctx("viewer"), { assetId: ids.p5 });
    expect(p5.channels.map((ch) => ch.channel)).toEqual(["instagram", "linkedin"]);
    const ig = p5.channels[0]!;
    expect(ig).toMatchObject({ impressions: 4000, clicks: 200, engagements: 300, conversions: 20, qualifies: true, highPerformer: true });
    expect(ig.ctr).toBeCloseTo(0.05, 12);
    expect(ig.engagementRate).toBeCloseTo(0.075, 12);
    expect(ig.conversionRate).toBeCloseTo(0.1, 12);
    expect(ig.channelMedianCtr).toBeCloseTo(0.025, 12);
    expect(ig.ctrVsMedian).toBeCloseTo(2, 12);
    expect(ig.daily).toHaveLength(3);
    expect(ig.daily.reduce((n, d) => n + d.impressions, 0)).toBe(4000);
    expect(ig.daily.map((d) => d.day)).toEqual([day(3), day(2), day(1)]);
    const li = p5.channels[1]!;
    expect(li).toMatchObject({ impressions: 3000, clicks: 30, highPerformer: false });
    expect(p5.highPerformer).toBe(true);
    expect(p5.highPerformerChannels).toEqual(["instagram"]);
    expect(p5.totals).toMatchObject({ impressions: 7000, clicks: 230 });
    expect(p5.daily).toHaveLength(3);
    expect(p5.daily.reduce((n, d) => n + d.clicks, 0)).toBe(230);

    // 3 % is exactly 1.2× the 2.5 % median: not a high performer.
    const p3 = await getAssetPerformance(c.ctx("viewer"), { assetId: ids.p3 });
    expect(p3.highPerformer).toBe(false);
    // 10 % CTR on 900 impressions: below the minimum.
    const few = await getAssetPerformance(c.ctx("viewer"), { assetId: ids.few });
    expect(few.channels[0]).toMatchObject({ qualifies: false, highPerformer: false });

    const windowed = await getAssetPerformance(c.ctx("viewer"), { assetId: ids.p5, from: day(1), to: day(1) });
    expect(windowed.daily.map((d) => d.day)).toEqual([day(1)]);
    expect(windowed.from).toBe(day(1));

    const empty = await getAssetPerformance(c.ctx("viewer"), { assetId: ids.none });
    expect(empty).toMatchObject({ channels: [], daily: [], highPerformer: false, totals: { impressions: 0, ctr: null } });
  });

  it("getAssetPerformance answers another workspace's asset as not found", async () => {
    const { getAssetPerformance } = await import("@/lib/media");
    await expect(getAssetPerformance(b.ctx("owner"), { assetId: ids.p5 })).rejects.toMatchObject({ status: 404 });
  });

  it("compareAssets: 2–4 assets side by side, optionally on one channel, with the leaders", async () => {
    const { compareAssets } = await import("@/lib/media");
    const cmp = await compareAssets(c.ctx("viewer"), { ids: `${ids.p1},${ids.p5},${ids.p3}` });
    expect(cmp.items.map((i) => i.asset.id)).toEqual([ids.p1, ids.p5, ids.p3]);
    expect(cmp.leaders.ctr).toBe(ids.p5);
    // p1 converts 10 of 100 clicks; p5 20 of 230.
    expect(cmp.leaders.conversionRate).toBe(ids.p1);
    expect(cmp.leaders.engagementRate).toBe(ids.p5);
    const onLinkedIn = await compareAssets(c.ctx("viewer"), { ids: [ids.p5, ids.wide], channel: "linkedin" });
    expect(onLinkedIn.items.map((i) => i.performance.channels.map((ch) => ch.channel))).toEqual([["linkedin"], ["linkedin"]]);
    expect(onLinkedIn.leaders.ctr).toBe(ids.wide);
    await expect(compareAssets(c.ctx("viewer"), { ids: [ids.p1] })).rejects.toBeTruthy();
    await expect(compareAssets(c.ctx("viewer"), { ids: [ids.p1, ids.p2a, ids.p2b, ids.p3, ids.p5] })).rejects.toBeTruthy();
    await expect(compareAssets(b.ctx("owner"), { ids: [ids.p1, ids.p5] })).rejects.toMatchObject({ status: 404 });
  });

  it("topPerformers: ranked by CTR with the minimum-impressions rule, filtered by channel, aspect, kind and library", async () => {
    const { topPerformers } = await import("@/lib/media");
    const ig = await topPerformers(c.ctx("viewer"), { channel: "instagram" });
    // Archived assets are left out; `few` lacks impressions.
    expect(ig.map((t) => t.asset.id)).toEqual([ids.p5, ids.p3, ids.p2a, ids.p2b, ids.p1]);
    expect(ig[0]).toMatchObject({ channel: "instagram", impressions: 4000, clicks: 200, highPerformer: true, highPerformerChannels: ["instagram"] });
    expect(ig[0]!.ctr).toBeCloseTo(0.05, 12);
    expect(ig.slice(1).every((t) => !t.highPerformer)).toBe(true);

    const portrait = await topPerformers(c.ctx("viewer"), { channel: "instagram", aspect: "4:5" });
    expect(portrait.map((t) => t.asset.id)).not.toContain(ids.p2b);
    expect(portrait).toHaveLength(4);

    const all = await topPerformers(c.ctx("viewer"), {});
    expect(all[0]!.asset.id).toBe(ids.p5);
    expect(all.map((t) => t.asset.id)).not.toContain(ids.few);
    expect(all.map((t) => t.asset.id)).not.toContain(ids.archived);
    expect((await topPerformers(c.ctx("viewer"), { kind: "video" })).map((t) => t.asset.id)).toEqual([ids.wide]);
    expect((await topPerformers(c.ctx("viewer"), { aspect: "16:9" })).map((t) => t.asset.id)).toEqual([ids.wide]);
    expect((await topPerformers(c.ctx("viewer"), { libraryId: libC2 })).map((t) => t.asset.id)).toEqual([ids.wide]);
    expect(await topPerformers(c.ctx("viewer"), { channel: "instagram", limit: 2 })).toHaveLength(2);
    // Another workspace sees none of it.
    expect((await topPerformers(b.ctx("owner"), { channel: "instagram" })).map((t) => t.asset.id)).not.toContain(ids.p5);
  });

  it("listAssets: sort best_ctr pages by keyset in CTR order, and the aspect filter matches within tolerance", async () => {
    const { listAssets } = await import("@/lib/media");
    const seen: MediaAsset[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 20; guard++) {
      const page = await listAssets(c.ctx("viewer"), { sort: "best_ctr", limit: 2, cursor, status: "DRAFT,ARCHIVED" });
      seen.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(new Set(seen.map((x) => x.id)).size).toBe(seen.length);
    expect(seen).toHaveLength(9);
    const ctrs = seen.map((x) => x.ctr);
    expect(ctrs).toEqual([...ctrs].sort((x, y) => y - x));
    expect(seen[0]!.id).toBe(ids.archived);
    const square = await listAssets(c.ctx("viewer"), { aspect: "1:1" });
    expect(square.items.map((x) => x.id)).toEqual([ids.p2b]);
    const wide = await listAssets(c.ctx("viewer"), { aspect: "16:9" });
    expect(wide.items.map((x) => x.id)).toEqual([ids.wide]);
    expect((await listAssets(c.ctx("viewer"), { aspect: "4:5" })).items).toHaveLength(6);
  });

  it("libraryStats: counts by kind and status, bytes, most used and best performing", async () => {
    const { libraryStats } = await import("@/lib/media");
    const s = await libraryStats(c.ctx("viewer"));
    expect(s.totalAssets).toBe(9);
    expect(s.byKind.find((k) => k.kind === "image")).toEqual({ kind: "image", count: 7, bytes: 7 * 200_000 });
    expect(s.byKind.find((k) => k.kind === "video")).toEqual({ kind: "video", count: 1, bytes: 5_000_000 });
    expect(s.totalBytes).toBe(7 * 200_000 + 5_000_000 + 1000);
    expect(s.byStatus.find((x) => x.status === "ARCHIVED")?.count).toBe(1);
    expect(s.byStatus.find((x) => x.status === "DRAFT")?.count).toBe(8);
    expect(s.bestPerforming[0]!.asset.id).toBe(ids.p5);
    expect(s.bestPerforming.length).toBeLessThanOrEqual(5);
    const other = await libraryStats(c.ctx("viewer"), { libraryId: libC2 });
    expect(other.totalAssets).toBe(2);
    expect(other.bestPerforming.map((t) => t.asset.id)).toEqual([ids.wide]);
    await expect(libraryStats(b.ctx("owner"), { libraryId: libC })).rejects.toMatchObject({ status: 404 });
  });
});

describe("REST", () => {
  type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
  type Mod = Partial<Record<"GET" | "POST", Handler>>;
  const keys = {} as Record<Role, string>;
  let w: TestWorkspace;
  let libW: string;
  const r = {} as Record<"metrics" | "importCsv" | "performance" | "suggestions" | "best" | "compare" | "stats" | "top", Mod>;
  let x: MediaAsset;
  let y: MediaAsset;

  function call(mod: Mod, method: keyof Mod, url: string, opts: { role?: Role; json?: unknown; body?: BodyInit; type?: string; params?: Record<string, string> } = {}) {
    const headers = new Headers({ authorization: `Bearer ${keys[opts.role ?? "marketer"]}` });
    let body = opts.body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers.set("content-type", "application/json");
    } else if (opts.type) headers.set("content-type", opts.type);
    return mod[method]!(new Request(`http://localhost${url}`, { method, headers, body }), { params: Promise.resolve(opts.params ?? {}) });
  }

  beforeAll(async () => {
    setEnv("DATABASE_URL", getDb().$client.options.connectionString!);
    w = await makeWorkspace(getDb(), "Perf REST");
    libW = await lib(w, "REST lib");
    for (const role of ["owner", "marketer", "viewer"] as const) keys[role] = (await createApiKey(w.ctx("owner"), { name: role, role })).key;
    x = await insertAsset(w, libW);
    y = await insertAsset(w, libW, { width: 1920, height: 1080, aspectRatio: 16 / 9 });
    r.metrics = await import("@/app/api/v1/media/assets/[id]/metrics/route");
    r.importCsv = await import("@/app/api/v1/media/metrics/import/route");
    r.performance = await import("@/app/api/v1/media/assets/[id]/performance/route");
    r.suggestions = await import("@/app/api/v1/media/assets/[id]/suggestions/route");
    r.best = await import("@/app/api/v1/media/assets/[id]/best-variant/route");
    r.compare = await import("@/app/api/v1/media/compare/route");
    r.stats = await import("@/app/api/v1/media/stats/route");
    r.top = await import("@/app/api/v1/media/top/route");
  }, 60_000);

  it("POST …/assets/{id}/metrics stores a batch; 422 names the row and field; viewers get 403; at most 1,000 rows", async () => {
    const url = `/api/v1/media/assets/${x.id}/metrics`;
    const ok = await call(r.metrics, "POST", url, {
      json: { rows: [{ channel: "instagram", day: day(2), impressions: 3000, clicks: 90 }, { channel: "instagram", day: day(1), impressions: 3000, clicks: 120, engagements: 200, conversions: 6 }] },
      params: { id: x.id },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ rows: 2, inserted: 2, replaced: 0, assets: 1 });
    const bad = await call(r.metrics, "POST", url, { json: { rows: [{ channel: "x", day: day(1), impressions: 10, clicks: 11 }] }, params: { id: x.id } });
    expect(bad.status).toBe(422);
    const err = (await bad.json()) as { error: { fieldErrors: Record<string, string[]> } };
    expect(err.error.fieldErrors["rows.0.clicks"]?.[0]).toMatch(/cannot exceed impressions/);
    const many = await call(r.metrics, "POST", url, { json: { rows: Array.from({ length: 1001 }, (_, i) => ({ channel: "x", day: day(i + 1), impressions: 1 })) }, params: { id: x.id } });
    expect(many.status).toBe(422);
    expect((await call(r.metrics, "POST", url, { role: "viewer", json: { rows: [{ channel: "x", day: day(1), impressions: 1 }] }, params: { id: x.id } })).status).toBe(403);
  });

  it("POST /metrics/import takes text/csv, multipart and JSON; a bad line stores nothing and is named", async () => {
    const csv = `asset_id,channel,day,impressions,clicks,engagements,conversions\n${y.id},linkedin,${day(3)},2000,40,,\n${y.id},linkedin,${day(2)},2000,60,10,2\n`;
    const text = await call(r.importCsv, "POST", "/api/v1/media/metrics/import", { body: csv, type: "text/csv" });
    expect(text.status).toBe(200);
    expect(await text.json()).toEqual({ rows: 2, inserted: 2, replaced: 0, assets: 1 });
    const f = new FormData();
    f.append("file", new Blob([csv], { type: "text/csv" }), "metrics.csv");
    const multipart = await call(r.importCsv, "POST", "/api/v1/media/metrics/import", { body: f });
    expect(await multipart.json()).toEqual({ rows: 2, inserted: 0, replaced: 2, assets: 1 });
    expect((await call(r.importCsv, "POST", "/api/v1/media/metrics/import", { json: { csv } })).status).toBe(200);

    const before = await storedRows(y.id);
    const bad = `asset_id,channel,day,impressions,clicks\n${y.id},linkedin,${day(5)},100,5\n${y.id},linkedin,${day(4)},abc,1\n`;
    const res = await call(r.importCsv, "POST", "/api/v1/media/metrics/import", { body: bad, type: "text/csv" });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { message: string; fieldErrors: Record<string, string[]> } };
    expect(body.error.message).toMatch(/^Line 3, impressions: Impressions must be a whole number/);
    expect(body.error.fieldErrors["line 3.impressions"]).toBeDefined();
    expect(await storedRows(y.id)).toEqual(before);

    const typo = await call(r.importCsv, "POST", "/api/v1/media/metrics/import", { body: `asset_id,channel,day,impressions,click\n${y.id},x,${day(1)},1,1\n`, type: "text/csv" });
    expect(typo.status).toBe(422);
    expect(((await typo.json()) as { error: { message: string } }).error.message).toMatch(/Unknown column "click"/);

    const foreign = await insertAsset(b, libB);
    const nf = await call(r.importCsv, "POST", "/api/v1/media/metrics/import", { body: `asset_id,channel,day,impressions\n${y.id},x,${day(1)},5\n${foreign.id},x,${day(1)},5\n`, type: "text/csv" });
    expect(nf.status).toBe(404);
    expect(((await nf.json()) as { error: { message: string } }).error.message).toMatch(/^Line 3, asset_id: asset not found/);
    expect(await storedRows(foreign.id)).toHaveLength(0);
    expect((await call(r.importCsv, "POST", "/api/v1/media/metrics/import", { role: "viewer", body: "asset_id,channel,day,impressions\n", type: "text/csv" })).status).toBe(403);
  });

  it("GET performance, suggestions, best-variant, compare, stats and top answer in their documented shapes", async () => {
    const { assetPerformanceJsonSchema, bestVariantJsonSchema, compareAssetsJsonSchema, libraryStatsJsonSchema, suggestionListSchema, topPerformersJsonSchema } = await import("@/lib/media/schemas");
    const perf = await call(r.performance, "GET", `/api/v1/media/assets/${x.id}/performance?from=${day(2)}`, { role: "viewer", params: { id: x.id } });
    expect(perf.status).toBe(200);
    const p = assetPerformanceJsonSchema.parse(await perf.json());
    expect(p.channels[0]).toMatchObject({ channel: "instagram", impressions: 6000, clicks: 210 });
    expect((await call(r.performance, "GET", `/api/v1/media/assets/${x.id}/performance?from=${day(1)}&to=${day(2)}`, { role: "viewer", params: { id: x.id } })).status).toBe(422);

    const sug = await call(r.suggestions, "GET", `/api/v1/media/assets/${y.id}/suggestions`, { role: "viewer", params: { id: y.id } });
    const items = suggestionListSchema.parse(await sug.json()).items;
    expect(items.map((s) => s.rule)).toContain("missing_alt_text");

    const best = await call(r.best, "GET", `/api/v1/media/assets/${y.id}/best-variant?network=linkedin`, { role: "viewer", params: { id: y.id } });
    expect(bestVariantJsonSchema.parse(await best.json())).toMatchObject({ source: "needs_generating", preset: "1.91:1", placement: "feed" });
    expect((await call(r.best, "GET", `/api/v1/media/assets/${y.id}/best-variant?network=myspace`, { role: "viewer", params: { id: y.id } })).status).toBe(422);

    const cmp = await call(r.compare, "GET", `/api/v1/media/compare?ids=${x.id},${y.id}`, { role: "viewer" });
    expect(compareAssetsJsonSchema.parse(await cmp.json()).items).toHaveLength(2);
    expect((await call(r.compare, "GET", `/api/v1/media/compare?ids=${x.id}`, { role: "viewer" })).status).toBe(422);

    const stats = await call(r.stats, "GET", `/api/v1/media/stats?libraryId=${libW}`, { role: "viewer" });
    expect(libraryStatsJsonSchema.parse(await stats.json())).toMatchObject({ libraryId: libW, totalAssets: 2 });

    const top = await call(r.top, "GET", "/api/v1/media/top?channel=instagram&aspect=4:5", { role: "viewer" });
    const t = topPerformersJsonSchema.parse(await top.json());
    expect(t.items.map((i) => i.asset.id)).toEqual([x.id]);
    expect(t.thresholds).toEqual({ factor: 1.5, minImpressions: 1000 });
  });
});
