// Variant crop maths: the largest box of each preset's ratio, centred on the focal point, clamped to the picture. Pure.
// Never decodes an image: the maths alone.
import { describe, expect, it } from "vitest";
import { focalCrop, outputSize, RATIO_PRESETS } from "./crop";

describe("focalCrop", () => {
  it("takes the largest box of the ratio that fits, centred by default", () => {
    expect(focalCrop(4000, 3000, 1)).toEqual({ left: 500, top: 0, width: 3000, height: 3000 });
    expect(focalCrop(4000, 3000, 16 / 9)).toEqual({ left: 0, top: 375, width: 4000, height: 2250 });
    expect(focalCrop(3000, 4000, 9 / 16)).toEqual({ left: 375, top: 0, width: 2250, height: 4000 });
  });

  it("moves the box towards the focal point, stopping at the edges", () => {
    expect(focalCrop(4000, 3000, 1, 0.9, 0.5)).toEqual({ left: 1000, top: 0, width: 3000, height: 3000 });
    expect(focalCrop(4000, 3000, 1, 0.6, 0.5)).toEqual({ left: 900, top: 0, width: 3000, height: 3000 });
    expect(focalCrop(4000, 3000, 1, 0, 0)).toEqual({ left: 0, top: 0, width: 3000, height: 3000 });
    expect(focalCrop(4000, 3000, 16 / 9, 0.5, 1)).toEqual({ left: 0, top: 750, width: 4000, height: 2250 });
  });

  it("keeps every preset's box inside the picture with the preset's ratio", () => {
    for (const p of RATIO_PRESETS) {
      for (const [w, h] of [[4032, 3024], [1080, 1920], [500, 500], [7, 3]]) {
        for (const f of [0, 0.3, 1]) {
          const box = focalCrop(w!, h!, p.ratio, f, 1 - f);
          expect(box.left).toBeGreaterThanOrEqual(0);
          expect(box.top).toBeGreaterThanOrEqual(0);
          expect(box.left + box.width).toBeLessThanOrEqual(w!);
          expect(box.top + box.height).toBeLessThanOrEqual(h!);
          if (w! > 100) expect(Math.abs(box.width / box.height - p.ratio)).toBeLessThan(0.01);
        }
      }
    }
  });
});

describe("outputSize", () => {
  it("uses the preset's size, never enlarging a small crop", () => {
    const square = RATIO_PRESETS.find((p) => p.preset === "1:1")!;
    expect(outputSize({ left: 0, top: 0, width: 3000, height: 3000 }, square)).toEqual({ width: 1080, height: 1080 });
    expect(outputSize({ left: 0, top: 0, width: 600, height: 600 }, square)).toEqual({ width: 600, height: 600 });
    const link = RATIO_PRESETS.find((p) => p.preset === "1.91:1")!;
    expect(outputSize({ left: 0, top: 0, width: 4000, height: 2094 }, link)).toEqual({ width: 1200, height: 628 });
  });
});
