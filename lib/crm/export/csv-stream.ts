// Streams rows as a CSV download with csv-stringify: header first, every cell neutralised against formula injection,
// backpressure from the reader all the way to the row source. Never collects the rows in memory.
import "server-only";
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { neutraliseCell } from "./formula";

/** `rows` is pulled only as fast as the client reads; an error in it ends the download with that error. */
export function csvStream(header: string[], rows: AsyncIterable<string[]>): Readable {
  const source = Readable.from(rows);
  const out = stringify({ header: true, columns: header, cast: { string: neutraliseCell }, record_delimiter: "\r\n" });
  source.on("error", (e) => out.destroy(e));
  out.on("close", () => source.destroy());
  return source.pipe(out);
}

/** Response headers of a CSV attachment; the file name is restricted to safe characters. */
export function csvDownloadHeaders(fileName: string): Record<string, string> {
  const safe = fileName.replace(/[^A-Za-z0-9._-]+/g, "-");
  return {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${safe}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
}
