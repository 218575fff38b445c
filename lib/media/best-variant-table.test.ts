// The network/placement table and the choice between original, stored variant and "needs generating". Pure.
import { describe, expect, it } from "vitest";
import { BEST_VARIANT_TABLE, chooseBestVariant, NETWORKS, placementsOf, preferredAspects } from "./best-variant-table";
import { ASPECTS } from "./performance-math";

const img = (width: number, height: number) => ({ kind: "image" as const, width, height });
const v = (preset: string, width = 1080, height = 1080) => ({ preset, width, height });

describe("BEST_VARIANT_TABLE", () => {
  it("wants the platform shapes", () => {
    expect(preferredAspects("instagram")).toEqual(["4:5", "1:1"]);
    expect(preferredAspects("instagram", "story")).toEqual(["9:16"]);
    expect(preferredAspects("instagram", "reels")).toEqual(["9:16"]);
    expect(preferredAspects("facebook", "feed")?.slice(0, 2)).toEqual(["1.91:1", "1:1"]);
    expect(preferredAspects("linkedin")?.[0]).toBe("1.91:1");
    expect(preferredAspects("x")?.[0]).toBe("16:9");
    expect(preferredAspects("pinterest")).toEqual(["2:3"]);
    expect(preferredAspects("youtube")).toEqual(["16:9"]);
    expect(preferredAspects("youtube", "shorts")).toEqual(["9:16"]);
  });
  it("has no placement a network lacks, and lists the default placement first", () => {
    expect(preferredAspects("pinterest", "story")).toBeNull();
    expect(placementsOf("youtube")[0]).toBe("video");
    for (const n of NETWORKS) {
      expect(placementsOf(n)[0]).toBe(BEST_VARIANT_TABLE[n].defaultPlacement);
      for (const p of placementsOf(n)) for (const a of preferredAspects(n, p)!) expect(ASPECTS).toContain(a);
    }
  });
});

describe("chooseBestVariant", () => {
  const feed = preferredAspects("instagram", "feed")!;
  it("returns the original when it already has the first preferred shape", () => {
    expect(chooseBestVariant(img(1080, 1350), [v("4:5"), v("1:1")], feed)).toEqual({ source: "original", preset: "4:5" });
  });
  it("prefers a stored variant of a better shape to an original of a worse one", () => {
    const choice = chooseBestVariant(img(1080, 1080), [v("4:5", 1080, 1350)], feed);
    expect(choice).toMatchObject({ source: "variant", preset: "4:5", variant: { preset: "4:5" } });
  });
  it("falls back to the original in the second shape when the first has no variant", () => {
    expect(chooseBestVariant(img(1080, 1080), [v("9:16")], feed)).toEqual({ source: "original", preset: "1:1" });
  });
  it("falls back to a variant of the second shape", () => {
    expect(chooseBestVariant(img(1920, 1080), [v("1:1")], feed)).toMatchObject({ source: "variant", preset: "1:1" });
  });
  it("names the first preferred preset when nothing fits, and says whether it can be made", () => {
    expect(chooseBestVariant(img(1920, 1080), [v("webp"), v("thumb")], feed)).toEqual({ source: "needs_generating", preset: "4:5", canGenerate: true });
    expect(chooseBestVariant({ kind: "video", width: 1920, height: 1080 }, [], preferredAspects("tiktok")!)).toEqual({
      source: "needs_generating",
      preset: "9:16",
      canGenerate: false,
    });
    expect(chooseBestVariant({ kind: "pdf", width: null, height: null }, [], preferredAspects("linkedin")!)).toMatchObject({ canGenerate: false });
  });
  it("never answers an SVG original, even of the right shape: its rendered variant or a generation", () => {
    const svg = { kind: "svg" as const, width: 1080, height: 1350 };
    expect(chooseBestVariant(svg, [], feed)).toEqual({ source: "needs_generating", preset: "4:5", canGenerate: true });
    expect(chooseBestVariant(svg, [v("4:5")], feed)).toMatchObject({ source: "variant", preset: "4:5" });
  });
  it("accepts a video of the right shape as it is", () => {
    expect(chooseBestVariant({ kind: "video", width: 1080, height: 1920 }, [], preferredAspects("instagram", "reels")!)).toEqual({ source: "original", preset: "9:16" });
  });
});
