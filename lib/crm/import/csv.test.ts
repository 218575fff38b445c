// The shared CSV reading setup: row numbers as an editor shows them (multi-line cells, blank lines), recoverable and fatal
// broken quotes, and blank records.
import { describe, expect, it } from "vitest";
import { createCsvParser, hasLeanRecordInfo, isBlankRecord, recordStartLine, type CsvProblem } from "./csv";
import { LineEndings } from "./encoding";

async function read(text: string) {
  const problems: CsvProblem[] = [];
  const rows: { start: number; record: string[] }[] = [];
  const parser = createCsvParser({ delimiter: ",", encoding: "utf8", onBadRecord: (p) => problems.push(p) });
  const endings = new LineEndings();
  parser.end(Buffer.concat([endings.convert(Buffer.from(text)), endings.end()]));
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    rows.push({ start: recordStartLine(item.record, item.info.lines), record: item.record });
  }
  return { rows, problems };
}

describe("createCsvParser", () => {
  it("numbers rows by the line they start on, across multi-line cells with CRLF and blank lines", async () => {
    const { rows } = await read('a,b\r\n1,"x\r\ny\r\nz"\r\n\r\n2,w\r\n3,v');
    expect(rows.map((r) => [r.start, r.record[0]])).toEqual([
      [1, "a"],
      [2, "1"],
      [6, "2"],
      [7, "3"],
    ]);
    expect(rows[1]!.record[1]).toBe("x\ny\nz");
  });

  it("reports a stray quote as a recoverable problem on its row and reads on", async () => {
    const { rows, problems } = await read('a,b\n1,x"y\n2,z\n');
    expect(problems).toEqual([expect.objectContaining({ row: 2, fatal: false })]);
    expect(problems[0]!.reason).toMatch(/Broken quotes/);
    expect(rows.map((r) => r.record[0])).toEqual(["a", "2"]);
  });

  it("reports a quote that is never closed as fatal", async () => {
    const { problems } = await read('a,b\n1,"x\n2,z\n');
    expect(problems.some((p) => p.fatal && p.code === "CSV_QUOTE_NOT_CLOSED")).toBe(true);
  });

  it("describes each record by its line only (csv-parse's full per-record description cost half its time)", () => {
    // Fails when a csv-parse upgrade renames the internal the cut-down description replaces: the import still works, but
    // parses ~1.6x slower and with a much bigger heap, so look at leanRecordInfo in csv.ts again.
    expect(hasLeanRecordInfo(createCsvParser({ delimiter: ",", encoding: "utf8", onBadRecord: () => {} }))).toBe(true);
  });

  it("numbers every row right after blank lines, broken rows and multi-line cells, for both ways of reading records", async () => {
    const text = 'a,b\n\n1,"x\ny"\n2,q"r\n\n\n3,z\n4,"p\n\nq"\n5,w\n';
    const { rows, problems } = await read(text);
    expect(rows.map((r) => [r.start, r.record[0]])).toEqual([
      [1, "a"],
      [3, "1"],
      [8, "3"],
      [9, "4"],
      [12, "5"],
    ]);
    expect(problems.map((p) => p.row)).toEqual([5]);
    // The upload reads records through on_record; the same lines must come out.
    const seen: [number, string][] = [];
    const parser = createCsvParser({
      delimiter: ",",
      encoding: "utf8",
      onBadRecord: () => {},
      onRecord: (record, endLine) => seen.push([recordStartLine(record, endLine), record[0]!]),
    });
    parser.resume();
    parser.end(Buffer.from(text));
    await new Promise((resolve) => parser.on("end", resolve));
    expect(seen).toEqual(rows.map((r) => [r.start, r.record[0]]));
  });

  it("keeps a 100,000-character cell whole", async () => {
    const big = "x".repeat(100_000);
    const { rows, problems } = await read(`a,b\n1,"${big}"\n`);
    expect(problems).toEqual([]);
    expect(rows[1]!.record[1]).toHaveLength(100_000);
  });
});

describe("isBlankRecord", () => {
  it("treats a row of empty cells as blank", () => {
    expect(isBlankRecord(["", " ", ""])).toBe(true);
    expect(isBlankRecord(["", "x"])).toBe(false);
  });
});
