import { describe, expect, it } from "vitest";
import { clampLimit, decodeCursor, decodeTimeCursor, encodeCursor } from "./pagination";

describe("keyset cursors", () => {
  it("round-trips a sort value and id", () => {
    const c = encodeCursor("2026-11-29 06:22:02.123456+00", "abc");
    expect(decodeCursor(c)).toEqual({ v: "2026-11-29 06:22:02.123456+00", id: "abc" });
    expect(decodeCursor(encodeCursor(42, "x"))).toEqual({ v: 42, id: "x" });
    expect(decodeTimeCursor(encodeCursor(new Date("2026-01-02T03:04:05Z"), "id"))?.t.toISOString()).toBe("2026-01-02T03:04:05.000Z");
  });

  it("treats tampered or foreign cursors as the first page", () => {
    expect(decodeCursor("not-base64-json")).toBeNull();
    expect(decodeCursor(Buffer.from(JSON.stringify({ a: 1 })).toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from(JSON.stringify([1, 2])).toString("base64url"))).toBeNull();
    expect(decodeTimeCursor(encodeCursor("yesterday-ish", "id"))).toBeNull();
    expect(decodeCursor(undefined)).toBeNull();
  });

  it("clamps limits into 1..max", () => {
    expect(clampLimit(undefined)).toBe(50);
    expect(clampLimit(0)).toBe(1);
    expect(clampLimit(10_000)).toBe(200);
    expect(clampLimit(7.9)).toBe(7);
  });
});
