import { describe, expect, it } from "vitest";
import { emptyStagedContact, type StagedContact } from "./row";
import { copyLine, copyRows, CopyText } from "./staging";

function contact(over: Partial<StagedContact>): StagedContact {
  return { ...emptyStagedContact(2), ...over };
}

/** Reads COPY text format back the way Postgres does (\N is NULL; \\, \t, \n, \r are escapes). */
function readCopyLine(line: string): (string | null)[] {
  return line.split("\t").map((field) => (field === "\\N" ? null : field.replace(/\\(.)/g, (_, c: string) => ({ t: "\t", n: "\n", r: "\r" })[c] ?? c)));
}

describe("copyRows", () => {
  it("writes one line per contact, numbered from the first ordinal, NULL for what the file does not say", () => {
    const text = copyRows([contact({ email: "a@x.test", score: 7, doNotContact: true }), contact({ sourceRow: 5, lastName: "B" })], 41);
    const lines = text.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("");
    const [first, second] = [readCopyLine(lines[0]!), readCopyLine(lines[1]!)];
    expect(first.slice(0, 3)).toEqual(["41", "2", "a@x.test"]);
    expect(first[14]).toBe("7");
    expect(first[17]).toBe("t");
    expect(second.slice(0, 5)).toEqual(["42", "5", null, null, "B"]);
    expect(first).toHaveLength(21);
  });

  it("escapes tabs, line breaks, backslashes and a literal \\N so every value reads back unchanged", () => {
    const nasty = "tab\there\nline\r\nback\\slash \\N end";
    const text = copyRows([contact({ firstName: nasty, tags: ['say "hi"', "a\\b"], custom: { note: "x\ty" } })], 1);
    expect(text.split("\n")).toHaveLength(2);
    const fields = readCopyLine(text.slice(0, -1));
    expect(fields[3]).toBe(nasty);
    expect(fields[12]).toBe('{"say \\"hi\\"","a\\\\b"}');
    expect(JSON.parse(fields[18]!)).toEqual({ note: "x\ty" });
  });
});

describe("CopyText", () => {
  it("holds exactly copyRows' text as UTF-8 bytes, growing past its first buffer, and starts empty again after clear()", () => {
    const rows = Array.from({ length: 3_000 }, (_, i) =>
      contact({ sourceRow: i + 2, email: `p${i}@x.test`, firstName: i % 2 ? "Zoë" : "名前", lastName: "x".repeat(100), tags: ["ä", "b"] }),
    );
    const text = new CopyText();
    rows.forEach((c, i) => text.add(copyLine(c, 10 + i)));
    expect(text.byteLength).toBeGreaterThan(256 * 1024);
    expect(text.bytes().toString("utf8")).toBe(copyRows(rows, 10));
    text.clear();
    expect(text.byteLength).toBe(0);
    text.add(copyLine(rows[0]!, 1));
    expect(text.bytes().toString("utf8")).toBe(copyRows(rows.slice(0, 1), 1));
  });
});
