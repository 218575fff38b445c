// Formula-injection neutralising: any cell a spreadsheet would evaluate gets a leading apostrophe; others are untouched.
// Pure; never needs a database.
import { describe, expect, it } from "vitest";
import { neutraliseCell } from "./formula";

describe("neutraliseCell", () => {
  it("prefixes cells starting with = + - @ tab or CR", () => {
    for (const v of ["=1+2", "+44 20", "-2+3", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x")']) expect(neutraliseCell(v)).toBe(`'${v}`);
  });
  it("leaves ordinary cells alone", () => {
    for (const v of ["", "Jane", "a=b", " =1", "jane@example.com", "1-2"]) expect(neutraliseCell(v)).toBe(v);
  });
});
