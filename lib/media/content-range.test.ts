// Content-Range parsing for resumable uploads. Pure.
// Never touches a file or the database.
import { describe, expect, it } from "vitest";
import { parseContentRange } from "./content-range";

describe("parseContentRange", () => {
  it("reads start, inclusive end and total", () => {
    expect(parseContentRange("bytes 0-1023/5000")).toEqual({ start: 0, end: 1023, total: 5000 });
    expect(parseContentRange("bytes 4096-4999/5000")).toEqual({ start: 4096, end: 4999, total: 5000 });
  });
  it("refuses missing, malformed or impossible ranges", () => {
    for (const h of [null, "", "bytes */5000", "bytes 10-5/5000", "bytes 0-5000/5000", "items 0-1/2", "bytes -1-2/3"]) expect(parseContentRange(h)).toBeNull();
  });
});
