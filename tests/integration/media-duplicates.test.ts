// Near-duplicate detection on a corpus the test makes with sharp: crops, re-encodes and resizes of one scene are found
// (with distance and similarity), unrelated scenes are not, and Postgres's Hamming distance agrees with the JS maths.
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mediaAssets, type MediaAsset } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import { createLibrary, findNearDuplicates, findNearDuplicatesOfHash, hammingDistance, ingestAsset, similarity } from "@/lib/media";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";
import { chunked, useTempDataDir } from "../fixtures/media/helpers";
import { photoJpeg } from "../fixtures/media/make";

const getDb = setupTestDb();
let data: { cleanup: () => Promise<void> };
let ws: TestWorkspace;
let libraryId: string;
const assets: Record<string, MediaAsset> = {};

async function add(name: string, bytes: Buffer, fileName = `${name}.jpg`) {
  const r = await ingestAsset(ws.ctx("marketer"), { libraryId, fileName, stream: chunked(bytes) }, { variants: "skip" });
  if (!r.created) throw new Error(`${name} was an exact duplicate`);
  assets[name] = r.asset;
  return r;
}

beforeAll(async () => {
  data = await useTempDataDir();
  ws = await makeWorkspace(getDb(), "Duplicates");
  libraryId = (await createLibrary(ws.ctx("marketer"), { name: "Corpus" })).id;
  const scene = await photoJpeg(101, 1200, 800, 92);
  await add("scene", scene);
  // Unrelated pictures first, so the variants' upload answers can be checked against everything.
  for (const seed of [202, 303, 404, 505]) await add(`other-${seed}`, await photoJpeg(seed, 1200, 800, 92));
}, 60_000);
afterAll(async () => data.cleanup());

describe("near duplicates", () => {
  it("finds a crop, a re-encode and a resize of the same picture at upload, and names the original", async () => {
    const scene = await photoJpeg(101, 1200, 800, 92);
    const variants: Record<string, { bytes: Buffer; file: string }> = {
      // dHash tolerates trims of a few percent (2% a side here); deeper crops drift past the default threshold.
      crop: { bytes: await sharp(scene).extract({ left: 24, top: 16, width: 1152, height: 768 }).jpeg({ quality: 85 }).toBuffer(), file: "crop.jpg" },
      reencode: { bytes: await sharp(scene).jpeg({ quality: 35 }).toBuffer(), file: "reencode.jpg" },
      resize: { bytes: await sharp(scene).resize(480).png().toBuffer(), file: "resize.png" },
      webp: { bytes: await sharp(scene).resize(900).webp({ quality: 50 }).toBuffer(), file: "small.webp" },
    };
    for (const [name, v] of Object.entries(variants)) {
      const r = await add(name, v.bytes, v.file);
      if (!r.created) throw new Error("dup");
      const found = r.nearDuplicates.map((d) => d.asset.id);
      expect(found, name).toContain(assets.scene!.id);
      for (const seed of [202, 303, 404, 505]) expect(found, `${name} vs other-${seed}`).not.toContain(assets[`other-${seed}`]!.id);
      const match = r.nearDuplicates.find((d) => d.asset.id === assets.scene!.id)!;
      expect(match.distance, name).toBeLessThanOrEqual(10);
      expect(match.similarity).toBe(similarity(match.distance));
    }
  });

  it("lists an asset's near duplicates closest first, and none of the unrelated scenes", async () => {
    const list = await findNearDuplicates(ws.ctx("viewer"), assets.scene!.id);
    expect(list.map((d) => d.asset.id).sort()).toEqual(["crop", "reencode", "resize", "webp"].map((n) => assets[n]!.id).sort());
    const distances = list.map((d) => d.distance);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(list.some((d) => d.asset.id === assets.scene!.id)).toBe(false);
  });

  it("keeps unrelated pictures well apart", () => {
    const names = ["scene", "other-202", "other-303", "other-404", "other-505"];
    for (const a of names) for (const b of names) if (a < b) expect(hammingDistance(assets[a]!.dhash!, assets[b]!.dhash!), `${a}/${b}`).toBeGreaterThan(16);
  });

  it("honours the threshold: 0 finds only identical hashes, a wide one finds more", async () => {
    const strict = await findNearDuplicates(ws.ctx("viewer"), assets.scene!.id, { maxDistance: 0 });
    expect(strict.every((d) => d.distance === 0)).toBe(true);
    const normal = await findNearDuplicates(ws.ctx("viewer"), assets.scene!.id, { maxDistance: 10 });
    const wide = await findNearDuplicates(ws.ctx("viewer"), assets.scene!.id, { maxDistance: 32 });
    expect(strict.length).toBeLessThanOrEqual(normal.length);
    expect(wide.length).toBeGreaterThanOrEqual(normal.length);
    expect(wide.every((d) => d.distance <= 32)).toBe(true);
  });

  it("computes the same distance in SQL as in JS, for negative (high-bit) hashes too", async () => {
    const rows = await getDb().select().from(mediaAssets).where(eq(mediaAssets.workspaceId, ws.id));
    expect(rows.some((r) => r.dhash! < 0n)).toBe(true);
    for (const probe of [rows[0]!.dhash!, -1n, -(2n ** 63n), 0n]) {
      const got = await findNearDuplicatesOfHash(ws.ctx("viewer"), probe, { maxDistance: 32, limit: 100 });
      for (const d of got) expect(d.distance).toBe(hammingDistance(probe, d.asset.dhash!));
      const expected = rows.filter((r) => hammingDistance(probe, r.dhash!) <= 32).length;
      expect(got.length).toBe(expected);
    }
  });

  it("does not look into another workspace", async () => {
    const other = await makeWorkspace(getDb(), "Elsewhere");
    expect(await findNearDuplicatesOfHash(other.ctx("owner"), assets.scene!.dhash!, { maxDistance: 32 })).toEqual([]);
  });
});
