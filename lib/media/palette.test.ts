// Dominant palette: most common colours first, near-identical shades merged, transparency ignored. Pure.
// Never decodes an image: raw pixel arrays only.
import { describe, expect, it } from "vitest";
import { dominantPalette } from "./palette";

function pixels(parts: [number, number, number, number, number][]): Uint8Array {
  const out: number[] = [];
  for (const [count, r, g, b, a] of parts) for (let i = 0; i < count; i++) out.push(r, g, b, a);
  return new Uint8Array(out);
}

describe("dominantPalette", () => {
  it("ranks colours by area and skips near-duplicates", () => {
    const p = dominantPalette(pixels([[60, 250, 0, 0, 255], [30, 0, 0, 250, 255], [25, 252, 2, 3, 255], [10, 0, 250, 0, 255]]), 4);
    // The two reds share a bucket and average together.
    expect(p).toEqual(["#fb0101", "#0000fa", "#00fa00"]);
  });

  it("ignores transparent pixels and honours the size", () => {
    const p = dominantPalette(pixels([[100, 10, 10, 10, 0], [5, 200, 200, 200, 255], [4, 20, 120, 220, 255], [3, 220, 120, 20, 255]]), 4, { size: 2 });
    expect(p).toEqual(["#c8c8c8", "#1478dc"]);
  });
});
