// Pure helpers of the media UI: URL filters to engine input, aspect labels, and the review queue's next asset.
import { describe, expect, it } from "vitest";
import { formatAspect, formatBytes } from "./media-format";
import { nextUndecided } from "./review-order";
import { hasMediaFilters, toListAssetsInput, type MediaFiltersValue } from "./media-search-params";

const empty: MediaFiltersValue = {
  q: "",
  kind: null,
  status: null,
  tags: "",
  category: "",
  library: null,
  orientation: null,
  aspect: null,
  from: null,
  to: null,
  uploader: null,
  sort: "newest",
};

describe("toListAssetsInput", () => {
  it("passes the filters a user set and drops hand-edited junk", () => {
    const input = toListAssetsInput({
      ...empty,
      q: "  summer  ",
      status: "IN_REVIEW",
      tags: " Hero, ,launch ",
      library: "not-a-uuid",
      aspect: "5:7",
      from: "2026-11-01",
      to: "yesterday",
    });
    expect(input).toMatchObject({ q: "summer", status: ["IN_REVIEW"], tags: ["hero", "launch"], createdFrom: "2026-11-01", sort: "newest" });
    expect(input.libraryId).toBeUndefined();
    expect(input.aspect).toBeUndefined();
    expect(input.createdTo).toBeUndefined();
  });

  it("keeps a valid library and aspect", () => {
    const id = "0b4c9a52-7a8e-4f4e-9a39-3f1d2c9b8a11";
    expect(toListAssetsInput({ ...empty, library: id, aspect: "4:5" })).toMatchObject({ libraryId: id, aspect: "4:5" });
  });

  it("says whether any filter (not the library or sort) is set", () => {
    expect(hasMediaFilters({ ...empty, library: "x", sort: "largest" })).toBe(false);
    expect(hasMediaFilters({ ...empty, uploader: "u1" })).toBe(true);
  });
});

describe("formatAspect and formatBytes", () => {
  it("names the platform ratios and falls back to a decimal", () => {
    expect(formatAspect(1080 / 1350)).toBe("4:5");
    expect(formatAspect(1.9104)).toBe("1.91:1");
    expect(formatAspect(1920 / 1080)).toBe("16:9");
    expect(formatAspect(2.5)).toBe("2.50:1");
    expect(formatAspect(null)).toBe("—");
  });
  it("formats sizes", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(8 * 1024 * 1024)).toBe("8.0 MB");
  });
});

describe("nextUndecided", () => {
  const ids = ["a", "b", "c", "d"];
  it("moves forward to the next undecided asset", () => {
    expect(nextUndecided(ids, new Set(["a", "b"]), 1)).toBe(2);
    expect(nextUndecided(ids, new Set(["b", "c"]), 1)).toBe(3);
  });
  it("wraps to an earlier undecided asset, and ends when all are decided", () => {
    expect(nextUndecided(ids, new Set(["b", "c", "d"]), 3)).toBe(0);
    expect(nextUndecided(ids, new Set(ids), 2)).toBeNull();
  });
});
