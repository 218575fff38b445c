// CSV import of daily media performance (asset_id, channel, day, impressions, clicks, engagements, conversions) through
// the same all-or-nothing ingestMetrics. Errors name the file's line and column; never store part of a file.
import "server-only";
import { parse } from "csv-parse/sync";
import { authorize, type Ctx } from "@/lib/auth/context";
import { AppError, ValidationError } from "@/lib/errors";
import { ingestMetrics, type IngestMetricsResult } from "./performance";
import { METRICS_MAX_ROWS } from "./schemas";

export const METRICS_CSV_COLUMNS = ["asset_id", "channel", "day", "impressions", "clicks", "engagements", "conversions"] as const;
const REQUIRED = ["asset_id", "channel", "day", "impressions"] as const;
/** Text bigger than this is refused before parsing (10,000 rows of this shape are well under it). */
export const METRICS_CSV_MAX_BYTES = 5 * 1024 * 1024;

const FIELD_TO_COLUMN: Record<string, string> = { assetId: "asset_id" };

function csvError(message: string, field = "file"): ValidationError {
  return new ValidationError({ [field]: [message] }, message);
}

/** Parses and stores a metrics CSV. Column names are matched case-insensitively; unknown columns are refused (a typo would drop figures). */
export async function importMetricsCsv(ctx: Ctx, text: string): Promise<IngestMetricsResult> {
  authorize(ctx, "media.write");
  if (Buffer.byteLength(text, "utf8") > METRICS_CSV_MAX_BYTES) throw csvError(`The file is over ${METRICS_CSV_MAX_BYTES / 1024 / 1024} MB; split it.`);
  if (!text.trim()) throw csvError("The file is empty.");
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false, info: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    throw csvError(`The CSV could not be read${err.lines ? ` (line ${err.lines})` : ""}: ${err.message ?? "malformed"}.`);
  }
  const [header, ...rows] = records;
  if (!header) throw csvError("The file is empty.");
  const columns = header.record.map((c) => c.toLowerCase().replace(/\s+/g, "_"));
  const unknown = columns.filter((c) => !(METRICS_CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) throw csvError(`Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((c) => `"${c}"`).join(", ")}; use ${METRICS_CSV_COLUMNS.join(", ")}.`);
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length) throw csvError(`Missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}.`);
  if (new Set(columns).size !== columns.length) throw csvError("A column appears twice in the header.");
  if (!rows.length) throw csvError("The file has a header but no rows.");
  if (rows.length > METRICS_MAX_ROWS) throw csvError(`At most ${METRICS_MAX_ROWS} rows per file; this one has ${rows.length}. Split it.`);

  const lineOf = rows.map((r) => r.info.lines);
  const at = (cells: string[], col: string) => {
    const i = columns.indexOf(col);
    return i < 0 ? undefined : cells[i];
  };
  const input = rows.map(({ record }) => ({
    assetId: at(record, "asset_id") ?? "",
    channel: at(record, "channel") ?? "",
    day: at(record, "day") ?? "",
    impressions: at(record, "impressions") as unknown as number,
    clicks: at(record, "clicks") as unknown as number,
    engagements: at(record, "engagements") as unknown as number,
    conversions: at(record, "conversions") as unknown as number,
  }));
  try {
    return await ingestMetrics(ctx, { rows: input }, { rowLabel: (i) => `Line ${lineOf[i] ?? i + 2}` });
  } catch (e) {
    // Field names in messages and keys follow the CSV's column names.
    if (e instanceof ValidationError) {
      const fieldErrors = Object.fromEntries(
        Object.entries(e.fieldErrors).map(([k, v]) => {
          const m = /^rows\.(\d+)\.(\w+)$/.exec(k);
          return [m ? `line ${lineOf[Number(m[1])] ?? Number(m[1]) + 2}.${FIELD_TO_COLUMN[m[2]!] ?? m[2]}` : k, v];
        }),
      );
      throw new ValidationError(fieldErrors, e.message.replace(/, assetId:/, ", asset_id:"));
    }
    if (e instanceof AppError && e.code === "ASSET_NOT_FOUND") throw new AppError(e.code, e.status, e.message.replace(/, assetId:/, ", asset_id:"), e.details);
    throw e;
  }
}
