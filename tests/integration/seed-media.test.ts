// The demo seed's media library, seeded once into a fresh database: libraries, statuses, review queue, real variants, only the
// planted near duplicates, usages, expiry, metrics with high performers, a timeline, and a second run that changes nothing.
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/db/client";
import { members, mediaApprovals, mediaAssets, mediaLibraries, mediaMetricsDaily, mediaUsages, mediaVariants, users, workspaces, type MediaAsset } from "@/db/schema";
import type { Ctx } from "@/lib/auth/context";
import type { Role } from "@/lib/auth/permissions";
import { DEFAULT_NEAR_DUPLICATE_DISTANCE, findNearDuplicates, hammingDistance } from "@/lib/media";
import { topPerformers } from "@/lib/media/performance";
import { RATIO_PRESETS } from "@/lib/media/crop";
import { createTestDb, type TestDb } from "@/db/test-db";
import { DEMO_WORKSPACE_SLUG, seedDemo } from "@/scripts/seed";
import { useTempDataDir } from "../fixtures/media/helpers";

let testDb: TestDb;
let db: Db;
let data: { cleanup: () => Promise<void> };
let workspaceId: string;
let assets: MediaAsset[];
let seededMs: number;

async function ctxFor(role: Role): Promise<Ctx> {
  const [m] = await db
    .select({ userId: users.id, email: users.email })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.organizationId, workspaceId), eq(members.role, role)));
  return { db, workspaceId, userId: m!.userId, role, actorLabel: m!.email };
}

const byName = (name: string) => {
  const a = assets.find((x) => x.name === name);
  if (!a) throw new Error(`no seeded asset named ${name}`);
  return a;
};

beforeAll(async () => {
  data = await useTempDataDir();
  testDb = await createTestDb();
  // seedDemo opens its own pool on the URL; this one reads what it wrote.
  db = createDb(testDb.url, 2);
  const started = performance.now();
  const r = await seedDemo(testDb.url);
  seededMs = performance.now() - started;
  expect(r.seeded).toBe(true);
  const [ws] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, DEMO_WORKSPACE_SLUG));
  workspaceId = ws!.id;
  assets = await db.select().from(mediaAssets).where(eq(mediaAssets.workspaceId, workspaceId)).orderBy(asc(mediaAssets.createdAt));
}, 180_000);

afterAll(async () => {
  await db?.$client.end();
  await testDb?.drop();
  await data?.cleanup();
});

describe("demo media seed", () => {
  it("creates three libraries and 42 pictures, with statuses spread over the lifecycle and 12 waiting for the approver", async () => {
    console.info(`seedDemo with media: ${(seededMs / 1000).toFixed(1)} s`);
    const libs = await db.select().from(mediaLibraries).where(eq(mediaLibraries.workspaceId, workspaceId));
    expect(libs.map((l) => l.name).sort()).toEqual(["Brand", "Campaigns", "Product shots"]);
    expect(assets).toHaveLength(42);
    const count = (s: string) => assets.filter((a) => a.status === s).length;
    expect({ DRAFT: count("DRAFT"), IN_REVIEW: count("IN_REVIEW"), APPROVED: count("APPROVED"), PUBLISHED: count("PUBLISHED"), ARCHIVED: count("ARCHIVED") }).toEqual({
      DRAFT: 5,
      IN_REVIEW: 12,
      APPROVED: 7,
      PUBLISHED: 14,
      ARCHIVED: 4,
    });
    expect(assets.filter((a) => a.width && a.height && Math.abs(a.width / a.height - 0.8) < 0.01).length).toBeGreaterThanOrEqual(8);
    expect(new Set(assets.map((a) => a.format))).toEqual(new Set(["jpeg", "png", "webp"]));
  });

  it("stores real analysis: hashes, palettes, blurhash, a thumbnail and the six crops of every picture", async () => {
    for (const a of assets) {
      expect(a.dhash, a.name).not.toBeNull();
      expect(a.blurhash, a.name).toBeTruthy();
      expect(a.palette.length, a.name).toBeGreaterThan(0);
    }
    const variants = await db.select().from(mediaVariants).where(eq(mediaVariants.workspaceId, workspaceId));
    for (const a of assets) {
      const presets = variants.filter((v) => v.assetId === a.id).map((v) => v.preset);
      expect(presets.sort(), a.name).toEqual([...RATIO_PRESETS.map((p) => p.preset), "thumb"].sort());
    }
  });

  it("has the trimmed copy and the re-encode as the only near duplicates, found from the original", async () => {
    const original = byName("Water bottle, teal");
    const planted = new Set([original.id, byName("Water bottle, teal (trimmed)").id, byName("bottle_teal_final_v2").id]);
    const found = await findNearDuplicates(await ctxFor("viewer"), original.id);
    expect(found.map((d) => d.asset.id).sort()).toEqual([...planted].filter((id) => id !== original.id).sort());
    for (const a of assets) {
      for (const b of assets) {
        if (a.id >= b.id || (planted.has(a.id) && planted.has(b.id))) continue;
        expect(hammingDistance(a.dhash!, b.dhash!), `${a.name} / ${b.name}`).toBeGreaterThan(DEFAULT_NEAR_DUPLICATE_DISTANCE);
      }
    }
  });

  it("leaves some pictures without alt text, tags the rest, and lets two expire within ten days", () => {
    const missingAlt = assets.filter((a) => !a.altText);
    expect(missingAlt.length).toBeGreaterThanOrEqual(3);
    expect(missingAlt.length).toBeLessThan(10);
    expect(assets.every((a) => a.tags.length > 0 && a.category)).toBe(true);
    const soon = assets.filter((a) => a.expiresAt && a.expiresAt.getTime() > Date.now() && a.expiresAt.getTime() < Date.now() + 10 * 86_400_000);
    expect(soon).toHaveLength(2);
  });

  it("records an approval timeline with notes, in order, and rejections that say why", async () => {
    const rows = await db.select().from(mediaApprovals).where(eq(mediaApprovals.workspaceId, workspaceId));
    expect(rows.filter((r) => r.action === "approve").every((r) => r.note)).toBe(true);
    const rejected = rows.filter((r) => r.action === "reject");
    expect(rejected).toHaveLength(2);
    expect(rejected.every((r) => (r.note ?? "").length > 20)).toBe(true);
    const published = byName("Autumn launch, hero");
    const timeline = rows.filter((r) => r.assetId === published.id).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    expect(timeline.map((r) => r.action)).toEqual(["upload", "submit", "approve", "publish"]);
    expect(timeline[0]!.createdAt.getTime()).toBe(published.createdAt.getTime());
    // Uploads spread over three months before the demo's "now".
    const spanDays = (assets.at(-1)!.createdAt.getTime() - assets[0]!.createdAt.getTime()) / 86_400_000;
    expect(spanDays).toBeGreaterThan(60);
  });

  it("attaches pictures to demo campaigns through the usage engine, keeping usage counts", async () => {
    const usages = await db.select().from(mediaUsages).where(eq(mediaUsages.workspaceId, workspaceId));
    expect(usages.length).toBeGreaterThanOrEqual(15);
    expect(usages.every((u) => u.entityType === "campaign" && u.campaignId === u.entityId)).toBe(true);
    for (const a of assets) expect(a.usageCount, a.name).toBe(usages.filter((u) => u.assetId === a.id).length);
    // An archived picture that was in use is still listed where it was used.
    expect(usages.some((u) => u.assetId === byName("Events page banner").id)).toBe(true);
  });

  it("has 60 days of metrics on four channels, with high performers and low-CTR pictures", async () => {
    const perChannel = await db
      .select({ channel: mediaMetricsDaily.channel, days: sql<number>`count(distinct ${mediaMetricsDaily.day})::int` })
      .from(mediaMetricsDaily)
      .where(eq(mediaMetricsDaily.workspaceId, workspaceId))
      .groupBy(mediaMetricsDaily.channel);
    expect(perChannel.map((c) => c.channel).sort()).toEqual(["email", "facebook", "instagram", "linkedin"]);
    expect(Math.max(...perChannel.map((c) => c.days))).toBe(60);
    // A marketer looking for the best 4:5 picture on Instagram finds the teal bottle, flagged as a high performer.
    const best = await topPerformers(await ctxFor("marketer"), { channel: "instagram", aspect: "4:5" });
    expect(best[0]!.asset.name).toBe("Water bottle, teal");
    expect(best[0]!.highPerformer).toBe(true);
    const low = byName("Autumn launch, story");
    const lowRank = (await topPerformers(await ctxFor("marketer"), { channel: "instagram" })).map((t) => t.asset.id);
    expect(lowRank.slice(-2)).toContain(low.id);
    // The all-time totals the grid sorts by agree with the rows.
    const bottle = byName("Water bottle, teal");
    const [sum] = await db
      .select({ impressions: sql<number>`sum(${mediaMetricsDaily.impressions})::float8` })
      .from(mediaMetricsDaily)
      .where(eq(mediaMetricsDaily.assetId, bottle.id));
    expect(bottle.impressions).toBe(Number(sum!.impressions));
  });

  it("changes nothing when run again", async () => {
    const again = await seedDemo(testDb.url);
    expect(again.seeded).toBe(false);
    const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(mediaAssets).where(eq(mediaAssets.workspaceId, workspaceId));
    expect(n!.n).toBe(42);
  });
});
