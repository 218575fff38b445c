// dHash and Hamming maths: bit order, signed storage round trips, distances and similarity. Pure.
// Never decodes an image: grey arrays only.
import { describe, expect, it } from "vitest";
import { bandNeighbours, bandRadius, dhashFromGrey, hammingDistance, hashBands, hashToHex, hexToHash, similarity, toSigned64, toUnsigned64 } from "./phash";

const grey = (f: (x: number, y: number) => number) => Array.from({ length: 72 }, (_, i) => f(i % 9, Math.floor(i / 9)));

describe("dhashFromGrey", () => {
  it("sets a bit where a pixel is brighter than its right neighbour", () => {
    expect(dhashFromGrey(grey((x) => 255 - x * 10))).toBe(2n ** 64n - 1n);
    expect(dhashFromGrey(grey((x) => x * 10))).toBe(0n);
    // Only the first row falls left to right: the top 8 bits.
    expect(hashToHex(dhashFromGrey(grey((x, y) => (y === 0 ? 255 - x : x))))).toBe("ff00000000000000");
  });

  it("ignores uniform brightness changes", () => {
    const img = grey((x, y) => (x * 37 + y * 91) % 200);
    expect(dhashFromGrey(img.map((v) => v + 40))).toBe(dhashFromGrey(img));
  });

  it("needs exactly 9 × 8 pixels", () => {
    expect(() => dhashFromGrey(new Array(64).fill(0))).toThrow(/72/);
  });
});

describe("hamming distance and storage", () => {
  it("counts differing bits, the same for signed and unsigned forms", () => {
    expect(hammingDistance(0n, 0n)).toBe(0);
    expect(hammingDistance(0n, 2n ** 64n - 1n)).toBe(64);
    expect(hammingDistance(0b1011n, 0b0001n)).toBe(2);
    const a = 0xf0f0_0000_0000_0001n;
    const b = 0x70f0_0000_0000_0003n;
    expect(hammingDistance(toSigned64(a), toSigned64(b))).toBe(hammingDistance(a, b));
    expect(hammingDistance(a, b)).toBe(2);
  });

  it("round-trips through Postgres's signed int8 and hex", () => {
    const h = 0xfedc_ba98_7654_3210n;
    const signed = toSigned64(h);
    expect(signed < 0n).toBe(true);
    expect(signed >= -(2n ** 63n)).toBe(true);
    expect(toUnsigned64(signed)).toBe(h);
    expect(hashToHex(signed)).toBe("fedcba9876543210");
    expect(hexToHash("fedcba9876543210")).toBe(h);
  });

  it("scores similarity from 1 (same) to 0 (opposite)", () => {
    expect(similarity(0)).toBe(1);
    expect(similarity(64)).toBe(0);
    expect(similarity(8)).toBe(0.875);
  });
});

describe("band lookup", () => {
  it("splits a hash into four 16-bit bands, signed or not", () => {
    expect(hashBands(0x0123_4567_89ab_cdefn)).toEqual([0x0123, 0x4567, 0x89ab, 0xcdef]);
    expect(hashBands(toSigned64(0xfedc_ba98_7654_3210n))).toEqual([0xfedc, 0xba98, 0x7654, 0x3210]);
  });

  it("enumerates every value within the radius exactly once", () => {
    expect(bandNeighbours(0, 0)).toEqual([0]);
    for (const [radius, count] of [[1, 17], [2, 137], [3, 697]] as const) {
      const values = bandNeighbours(0xa5a5, radius);
      expect(values).toHaveLength(count);
      expect(new Set(values).size).toBe(count);
      for (const v of values) expect(hammingDistance(BigInt(v), 0xa5a5n)).toBeLessThanOrEqual(radius);
    }
  });

  it("never misses a hash within the threshold (pigeonhole over the bands)", () => {
    // xorshift32: deterministic, and its low bits are as random as its high ones.
    let s = 0x9e3779b9;
    const next32 = () => {
      s ^= s << 13;
      s >>>= 0;
      s ^= s >>> 17;
      s ^= s << 5;
      s >>>= 0;
      return s;
    };
    const rand64 = () => (BigInt(next32()) << 32n) | BigInt(next32());
    for (let i = 0; i < 300; i++) {
      const a = rand64();
      const t = i % 12;
      let b = a;
      const bits = new Set<number>();
      while (bits.size < t) bits.add(next32() % 64);
      for (const bit of bits) b ^= 1n << BigInt(bit);
      expect(hammingDistance(a, b)).toBe(t);
      const radius = bandRadius(t)!;
      const qa = hashBands(a);
      const qb = hashBands(b);
      expect(qa.some((band, k) => bandNeighbours(band, radius).includes(qb[k]!))).toBe(true);
    }
    expect(bandRadius(11)).toBe(2);
    expect(bandRadius(12)).toBeNull();
  });
});
