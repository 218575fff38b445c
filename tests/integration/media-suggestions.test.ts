// Optimisation suggestions against a real Postgres: every rule shown to fire and not to fire, savings measured from real
// WebP/AVIF conversions, the one-click actions, best-variant answers, and alt text from the offline gateway provider.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestDb } from "@/db/test-db";
import { mediaApprovals, mediaAssets, mediaLibraries, mediaVariants, type MediaAsset, type MediaVariantPreset } from "@/db/schema";
import { ForbiddenError } from "@/lib/errors";
import { stopQueue } from "@/lib/jobs";
import {
  applySuggestion,
  bestVariantFor,
  createLibrary,
  ingestAsset,
  ingestMetrics,
  listSuggestions,
  listVariants,
  suggestAltText,
  type Suggestion,
} from "@/lib/media";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";
import { chunked, useTempDataDir } from "../fixtures/media/helpers";
import { photoJpeg } from "../fixtures/media/make";

const getDb = setupTestDb();
let data: { cleanup: () => Promise<void> };
let a: TestWorkspace;
let b: TestWorkspace;
let libA: string;

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() - offset * DAY).toISOString().slice(0, 10);

async function insertAsset(ws: TestWorkspace, libraryId: string, over: Partial<typeof mediaAssets.$inferInsert> = {}): Promise<MediaAsset> {
  const width = over.width === undefined ? 1080 : over.width;
  const height = over.height === undefined ? 1350 : over.height;
  const [row] = await getDb()
    .insert(mediaAssets)
    .values({
      workspaceId: ws.id,
      libraryId,
      name: `asset ${randomUUID().slice(0, 6)}`,
      originalFileName: "a.jpg",
      kind: "image",
      mime: "image/jpeg",
      format: "jpeg",
      bytes: 200_000,
      width,
      height,
      aspectRatio: width && height ? width / height : null,
      sha256: randomUUID().replace(/-/g, ""),
      originalKey: `k/${randomUUID()}`,
      ...over,
    })
    .returning();
  return row!;
}

async function addVariant(asset: MediaAsset, preset: MediaVariantPreset, bytes: number, width = 1080, height = 1350) {
  await getDb()
    .insert(mediaVariants)
    .values({ workspaceId: asset.workspaceId, assetId: asset.id, preset, storageKey: `v/${randomUUID()}`, width, height, bytes, format: preset === "avif" || preset === "webp" ? preset : "jpeg" });
}

/** Spreads impressions and clicks over three recent days. */
function spread(assetId: string, channel: string, impressions: number, clicks: number) {
  return [1, 2, 3].map((i) => ({ assetId, channel, day: day(i), impressions: Math.round(impressions / 3), clicks: Math.round(clicks / 3) }));
}

const rules = (list: Suggestion[], rule: Suggestion["rule"]) => list.filter((s) => s.rule === rule);
const forAsset = (ws: TestWorkspace, assetId: string) => listSuggestions(ws.ctx("viewer"), { assetId });

beforeAll(async () => {
  data = await useTempDataDir();
  a = await makeWorkspace(getDb(), "Suggest A");
  b = await makeWorkspace(getDb(), "Suggest B");
  libA = (await createLibrary(a.ctx("owner"), { name: "Brand" })).id;
}, 60_000);

afterAll(async () => {
  await stopQueue();
  await data.cleanup();
});

describe("rule: low CTR against the channel median", () => {
  const ids = {} as Record<"ok1" | "ok2" | "ok3" | "low" | "lowWide" | "lowFew", string>;
  beforeAll(async () => {
    for (const k of ["ok1", "ok2", "ok3", "low", "lowFew"] as const) ids[k] = (await insertAsset(a, libA)).id;
    ids.lowWide = (await insertAsset(a, libA, { width: 1920, height: 1080, aspectRatio: 16 / 9 })).id;
    await ingestMetrics(a.ctx("marketer"), {
      rows: [
        ...spread(ids.ok1, "instagram", 6000, 120),
        ...spread(ids.ok2, "instagram", 6000, 120),
        ...spread(ids.ok3, "instagram", 6000, 150),
        ...spread(ids.low, "instagram", 6000, 30),
        ...spread(ids.lowWide, "instagram", 6000, 12),
        // Low, but on too few impressions to judge.
        ...spread(ids.lowFew, "instagram", 600, 1),
      ],
    });
  });

  it("fires with the numbers when CTR is under half the median, and not otherwise", async () => {
    // Median of 2 %, 2 %, 2.5 %, 0.5 %, 0.2 % = 2 %.
    const low = rules(await forAsset(a, ids.low), "low_ctr");
    expect(low).toHaveLength(1);
    expect(low[0]).toMatchObject({ priority: "medium", action: { kind: "archive" } });
    expect(low[0]!.explanation).toContain("0.50 %");
    expect(low[0]!.explanation).toContain("2.00 %");
    expect(low[0]!.explanation).toContain("6,000 impressions");
    // A CTR a tenth of the median is high priority, and a 16:9 picture on Instagram is offered the 4:5 crop.
    const wide = rules(await forAsset(a, ids.lowWide), "low_ctr");
    expect(wide[0]).toMatchObject({ priority: "high", action: { kind: "generate_variant", preset: "4:5" } });
    expect(rules(await forAsset(a, ids.ok1), "low_ctr")).toHaveLength(0);
    expect(rules(await forAsset(a, ids.lowFew), "low_ctr")).toHaveLength(0);
  });

  it("rule: wrong shape fires for a channel it has figures on, and not once a fitting variant exists", async () => {
    const wrong = rules(await forAsset(a, ids.lowWide), "wrong_aspect");
    expect(wrong).toHaveLength(1);
    expect(wrong[0]).toMatchObject({ id: `wrong_aspect:${ids.lowWide}:instagram`, priority: "high", action: { kind: "generate_variant", preset: "4:5" } });
    expect(wrong[0]!.explanation).toMatch(/1920×1080.*Instagram takes 4:5 or 1:1/);
    // The 4:5 original fits Instagram.
    expect(rules(await forAsset(a, ids.low), "wrong_aspect")).toHaveLength(0);
    const [row] = await getDb().select().from(mediaAssets).where(eq(mediaAssets.id, ids.lowWide));
    await addVariant(row!, "1:1", 90_000, 1080, 1080);
    expect(rules(await forAsset(a, ids.lowWide), "wrong_aspect")).toHaveLength(0);
    // And the best variant for Instagram's feed is now that 1:1 crop.
    expect(await bestVariantFor(a.ctx("viewer"), { assetId: ids.lowWide, network: "instagram" })).toMatchObject({
      source: "variant",
      preset: "1:1",
      url: `/api/v1/media/assets/${ids.lowWide}/variants/1x1`,
    });
  });
});

describe("best variant", () => {
  it("answers the original when it fits, a variant, or what needs generating; refuses an unknown placement and other workspaces", async () => {
    const portrait = await insertAsset(a, libA);
    expect(await bestVariantFor(a.ctx("viewer"), { assetId: portrait.id, network: "instagram", placement: "feed" })).toMatchObject({
      source: "original",
      preset: "4:5",
      url: `/api/v1/media/assets/${portrait.id}/original`,
    });
    const story = await bestVariantFor(a.ctx("viewer"), { assetId: portrait.id, network: "instagram", placement: "story" });
    expect(story).toMatchObject({ source: "needs_generating", preset: "9:16", canGenerate: true, url: null });
    expect(story.message).toMatch(/generate the 9:16 variant/);
    await addVariant(portrait, "9:16", 120_000, 1080, 1920);
    expect(await bestVariantFor(a.ctx("viewer"), { assetId: portrait.id, network: "instagram", placement: "story" })).toMatchObject({ source: "variant", width: 1080, height: 1920 });
    expect(await bestVariantFor(a.ctx("viewer"), { assetId: portrait.id, network: "pinterest" })).toMatchObject({ placement: "pin", source: "needs_generating", preset: "2:3" });
    await expect(bestVariantFor(a.ctx("viewer"), { assetId: portrait.id, network: "pinterest", placement: "story" })).rejects.toMatchObject({ status: 422 });
    await expect(bestVariantFor(b.ctx("owner"), { assetId: portrait.id, network: "instagram" })).rejects.toMatchObject({ status: 404 });
  });
});

describe("rule: file too large, with the saving measured from real conversions", () => {
  it("quotes the WebP/AVIF sizes actually produced by converting the file", async () => {
    // A noisy picture compresses badly as PNG: well over the 1 MB budget.
    const png = await sharp({ create: { width: 900, height: 700, channels: 3, background: { r: 128, g: 128, b: 128 }, noise: { type: "gaussian", mean: 128, sigma: 40 } } }).png().toBuffer();
    expect(png.length).toBeGreaterThan(1024 * 1024);
    const res = await ingestAsset(a.ctx("marketer"), { libraryId: libA, fileName: "noise.png", stream: chunked(png) }, { variants: "inline" });
    if (!res.created) throw new Error("duplicate");
    const variants = await listVariants(getDb(), a.id, res.asset.id, ["webp", "avif"]);
    expect(variants).toHaveLength(2);
    const best = variants.reduce((x, y) => (y.bytes < x.bytes ? y : x));
    const [s] = rules(await forAsset(a, res.asset.id), "too_large");
    expect(s).toBeDefined();
    expect(s!.action).toMatchObject({ kind: "convert", preset: best.preset });
    const kb = (n: number) => (n >= 1024 * 1024 ? `${Math.round((n / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`);
    expect(s!.explanation).toContain(`measures ${kb(best.bytes)}`);
    expect(s!.explanation).toContain(`${Math.round(((res.asset.bytes - best.bytes) / res.asset.bytes) * 100)} %`);
    // One click reports the conversion that exists.
    expect(await applySuggestion(a.ctx("marketer"), { assetId: res.asset.id, action: s!.action })).toMatchObject({ status: "exists" });
  }, 60_000);

  it("says the saving will be measured when no conversion exists yet, and never quotes a number", async () => {
    const big = await insertAsset(a, libA, { bytes: 3_500_000, format: "png", mime: "image/png" });
    const [s] = rules(await forAsset(a, big.id), "too_large");
    expect(s).toMatchObject({ action: { kind: "convert" } });
    expect(s!.explanation).toMatch(/saving will be measured/);
    expect(s!.explanation).not.toMatch(/%/);
  });

  it("does not fire for a small file, or when the measured conversion saves little", async () => {
    const small = await insertAsset(a, libA, { bytes: 300_000 });
    expect(rules(await forAsset(a, small.id), "too_large")).toHaveLength(0);
    const tight = await insertAsset(a, libA, { bytes: 2_000_000 });
    await addVariant(tight, "webp", 1_950_000);
    await addVariant(tight, "avif", 1_900_000);
    expect(rules(await forAsset(a, tight.id), "too_large")).toHaveLength(0);
  });
});

describe("rule: missing alt text", () => {
  it("fires for a picture without alt text (high when in use) and not once it has some, nor for a PDF", async () => {
    const bare = await insertAsset(a, libA);
    expect(rules(await forAsset(a, bare.id), "missing_alt_text")[0]).toMatchObject({ priority: "medium", action: { kind: "edit_alt_text" } });
    const used = await insertAsset(a, libA, { usageCount: 2 });
    expect(rules(await forAsset(a, used.id), "missing_alt_text")[0]).toMatchObject({ priority: "high" });
    const described = await insertAsset(a, libA, { altText: "A red bicycle against a brick wall." });
    expect(rules(await forAsset(a, described.id), "missing_alt_text")).toHaveLength(0);
    const pdf = await insertAsset(a, libA, { kind: "pdf", format: "pdf", mime: "application/pdf", width: null, height: null });
    expect(rules(await forAsset(a, pdf.id), "missing_alt_text")).toHaveLength(0);
  });
});

describe("rule: near-duplicate clutter", () => {
  it("fires on the copies but not on the one to keep, nor on a unique picture", async () => {
    const h = 0x0f0f_3c3c_a5a5_7e7en;
    const keeper = await insertAsset(a, libA, { dhash: BigInt.asIntN(64, h), usageCount: 3, name: "keeper" });
    const copy = await insertAsset(a, libA, { dhash: BigInt.asIntN(64, h ^ 0b1011n), name: "copy" });
    const unique = await insertAsset(a, libA, { dhash: BigInt.asIntN(64, ~h) });
    const s = rules(await forAsset(a, copy.id), "near_duplicates");
    expect(s).toHaveLength(1);
    expect(s[0]!.explanation).toContain(`"keeper" is 95 % similar (3 of 64 bits differ)`);
    expect(s[0]!.action.kind).toBe("archive");
    expect(rules(await forAsset(a, keeper.id), "near_duplicates")).toHaveLength(0);
    expect(rules(await forAsset(a, unique.id), "near_duplicates")).toHaveLength(0);
  });
});

describe("rule: expiring soon", () => {
  it("fires within 14 days and not beyond, nor once expired", async () => {
    const soon = await insertAsset(a, libA, { expiresAt: new Date(Date.now() + 5 * DAY) });
    const [s] = rules(await forAsset(a, soon.id), "expiring_soon");
    expect(s).toMatchObject({ priority: "medium", title: "Expires in 5 days", action: { kind: "archive" } });
    const urgent = await insertAsset(a, libA, { expiresAt: new Date(Date.now() + 2 * DAY) });
    expect(rules(await forAsset(a, urgent.id), "expiring_soon")[0]?.priority).toBe("high");
    const later = await insertAsset(a, libA, { expiresAt: new Date(Date.now() + 30 * DAY) });
    expect(rules(await forAsset(a, later.id), "expiring_soon")).toHaveLength(0);
    const past = await insertAsset(a, libA, { expiresAt: new Date(Date.now() - DAY) });
    expect(rules(await forAsset(a, past.id), "expiring_soon")).toHaveLength(0);
  });
});

describe("rule: unused for N days", () => {
  it("fires for an old asset with no usage and no recent figures, and not otherwise", async () => {
    const old = await insertAsset(a, libA, { createdAt: new Date(Date.now() - 120 * DAY) });
    const [s] = rules(await forAsset(a, old.id), "unused");
    expect(s).toMatchObject({ priority: "low", action: { kind: "archive" } });
    expect(s!.explanation).toMatch(/Uploaded 120 days ago.*never reported any performance/);
    // The window is tunable.
    expect(rules(await listSuggestions(a.ctx("viewer"), { assetId: old.id, unusedDays: 180 }), "unused")).toHaveLength(0);
    const seen = await insertAsset(a, libA, { createdAt: new Date(Date.now() - 120 * DAY) });
    await ingestMetrics(a.ctx("marketer"), { rows: [{ assetId: seen.id, channel: "email", day: day(10), impressions: 50 }] });
    expect(rules(await forAsset(a, seen.id), "unused")).toHaveLength(0);
    const used = await insertAsset(a, libA, { createdAt: new Date(Date.now() - 120 * DAY), usageCount: 1 });
    expect(rules(await forAsset(a, used.id), "unused")).toHaveLength(0);
    const fresh = await insertAsset(a, libA, { createdAt: new Date(Date.now() - 10 * DAY) });
    expect(rules(await forAsset(a, fresh.id), "unused")).toHaveLength(0);
  });

  it("archived assets get no suggestions; listing by library sorts by priority; another workspace's asset is not found", async () => {
    const archived = await insertAsset(a, libA, { status: "ARCHIVED", createdAt: new Date(Date.now() - 200 * DAY) });
    expect(await forAsset(a, archived.id)).toEqual([]);
    const all = await listSuggestions(a.ctx("viewer"), { libraryId: libA, limit: 200 });
    expect(all.length).toBeGreaterThan(5);
    const order = { high: 0, medium: 1, low: 2 };
    expect(all.map((s) => order[s.priority])).toEqual([...all.map((s) => order[s.priority])].sort((x, y) => x - y));
    expect(all.some((s) => s.assetId === archived.id)).toBe(false);
    await expect(forAsset(b, archived.id)).rejects.toMatchObject({ status: 404 });
    const libB = (await getDb().insert(mediaLibraries).values({ workspaceId: b.id, name: "B" }).returning())[0]!.id;
    await expect(listSuggestions(a.ctx("viewer"), { libraryId: libB })).rejects.toMatchObject({ status: 404 });
  });
});

describe("applySuggestion", () => {
  it("archive goes through the lifecycle with a history row", async () => {
    const x = await insertAsset(a, libA);
    const r = await applySuggestion(a.ctx("marketer"), { assetId: x.id, action: { kind: "archive" } });
    expect(r.status).toBe("done");
    const [row] = await getDb().select().from(mediaAssets).where(eq(mediaAssets.id, x.id));
    expect(row!.status).toBe("ARCHIVED");
    const history = await getDb().select().from(mediaApprovals).where(and(eq(mediaApprovals.assetId, x.id), eq(mediaApprovals.action, "archive")));
    expect(history).toHaveLength(1);
  });

  it("generate_variant makes the variants through the engine", async () => {
    const res = await ingestAsset(a.ctx("marketer"), { libraryId: libA, fileName: "wide.jpg", stream: chunked(await photoJpeg(77, 960, 540)) }, { variants: "skip" });
    if (!res.created) throw new Error("duplicate");
    expect(await listVariants(getDb(), a.id, res.asset.id, ["4:5"])).toHaveLength(0);
    const r = await applySuggestion(a.ctx("marketer"), { assetId: res.asset.id, action: { kind: "generate_variant", preset: "4:5" } }, { variants: "inline" });
    expect(r.status).toBe("done");
    const [v] = await listVariants(getDb(), a.id, res.asset.id, ["4:5"]);
    expect(v!.width! / v!.height!).toBeCloseTo(0.8, 2);
    expect(await bestVariantFor(a.ctx("viewer"), { assetId: res.asset.id, network: "instagram" })).toMatchObject({ source: "variant", preset: "4:5" });
  }, 60_000);

  it("edit_alt_text fills suggested alt text from the gateway", async () => {
    const x = await insertAsset(a, libA, { name: "red bicycle", tags: ["bicycle", "street"], palette: ["#cc2222"] });
    const r = await applySuggestion(a.ctx("marketer"), { assetId: x.id, action: { kind: "edit_alt_text" } });
    expect(r.status).toBe("done");
    const [row] = await getDb().select().from(mediaAssets).where(eq(mediaAssets.id, x.id));
    expect(row!.altText).toBeTruthy();
    expect(row!.altTextSuggested).toBe(true);
  });

  it("viewers cannot apply, and another workspace's asset is not found; nothing changes", async () => {
    const x = await insertAsset(a, libA);
    await expect(applySuggestion(a.ctx("viewer"), { assetId: x.id, action: { kind: "archive" } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(applySuggestion(b.ctx("owner"), { assetId: x.id, action: { kind: "archive" } })).rejects.toMatchObject({ status: 404 });
    const [row] = await getDb().select().from(mediaAssets).where(eq(mediaAssets.id, x.id));
    expect(row!.status).toBe("DRAFT");
  });
});

describe("suggestAltText (no providers configured: the offline provider answers)", () => {
  it("stores a suggestion when there is no alt text, marked as suggested", async () => {
    const x = await insertAsset(a, libA, { name: "beach sunset", originalFileName: "beach-sunset.jpg", tags: ["beach", "sunset"], palette: ["#1e90ff", "#ff8c00"], width: 1600, height: 900 });
    const r = await suggestAltText(a.ctx("marketer"), { assetId: x.id });
    expect(r.stored).toBe(true);
    expect(r.offline).toBe(true);
    expect(r.altText.length).toBeGreaterThan(5);
    expect(r.altText.length).toBeLessThanOrEqual(125);
    expect(r.altText.toLowerCase()).toContain("beach");
    const [row] = await getDb().select().from(mediaAssets).where(eq(mediaAssets.id, x.id));
    expect(row).toMatchObject({ altText: r.altText, altTextSuggested: true });
    // A second suggestion may replace a suggestion nobody edited.
    expect((await suggestAltText(a.ctx("marketer"), { assetId: x.id })).stored).toBe(true);
  });

  it("keeps alt text a person wrote unless forced", async () => {
    const x = await insertAsset(a, libA, { altText: "Our founder at the 2019 launch.", tags: ["launch"] });
    const r = await suggestAltText(a.ctx("marketer"), { assetId: x.id });
    expect(r.stored).toBe(false);
    expect(r.altText).toBeTruthy();
    let [row] = await getDb().select().from(mediaAssets).where(eq(mediaAssets.id, x.id));
    expect(row).toMatchObject({ altText: "Our founder at the 2019 launch.", altTextSuggested: false });
    expect((await suggestAltText(a.ctx("marketer"), { assetId: x.id, force: true })).stored).toBe(true);
    [row] = await getDb().select().from(mediaAssets).where(eq(mediaAssets.id, x.id));
    expect(row!.altTextSuggested).toBe(true);
  });

  it("viewers cannot, and another workspace's asset is not found", async () => {
    const x = await insertAsset(a, libA);
    await expect(suggestAltText(a.ctx("viewer"), { assetId: x.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(suggestAltText(b.ctx("owner"), { assetId: x.id })).rejects.toMatchObject({ status: 404 });
    const [row] = await getDb().select().from(mediaAssets).where(eq(mediaAssets.id, x.id));
    expect(row!.altText).toBeNull();
  });
});
