// The per-import staging table: UNLOGGED, named after the import, filled by COPY FROM STDIN in batches and dropped when
// the import ends. Never holds another import's rows, and never outlives its import (the job drops it, or the next run does).
import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { StagedContact } from "./row";

const STAGE_PREFIX = "contact_import_stage_";

/** The staging table of an import: a fixed prefix and the import's uuid, so it is always a safe identifier. */
export function stagingTableName(importId: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(importId)) throw new Error("Not an import id.");
  return `${STAGE_PREFIX}${importId.replace(/-/g, "").toLowerCase()}`;
}

const STAGED_COLUMNS = [
  "ordinal",
  "source_row",
  "email",
  "first_name",
  "last_name",
  "phone",
  "title",
  "seniority",
  "department",
  "source",
  "country",
  "timezone",
  "tags",
  "lifecycle_stage",
  "score",
  "tier",
  "email_consent",
  "do_not_contact",
  "custom",
  "company_name",
  "company_domain",
] as const;

export async function createStagingTable(client: pg.ClientBase, importId: string): Promise<string> {
  const table = stagingTableName(importId);
  await client.query(`DROP TABLE IF EXISTS ${table}`);
  // email_key uses Postgres's lower(), the same function as the contacts unique index, so dedupe and conflict agree.
  await client.query(`CREATE UNLOGGED TABLE ${table} (
    ordinal integer PRIMARY KEY,
    source_row integer NOT NULL,
    email text,
    email_key text GENERATED ALWAYS AS (lower(email)) STORED,
    first_name text,
    last_name text,
    phone text,
    title text,
    seniority text,
    department text,
    source text,
    country text,
    timezone text,
    tags text[],
    lifecycle_stage text,
    score integer,
    tier text,
    email_consent text,
    do_not_contact boolean,
    custom jsonb,
    company_name text,
    company_domain text,
    company_id uuid,
    contact_id uuid,
    prev_stage text
  )`);
  return table;
}

export async function dropStagingTable(client: pg.ClientBase, importId: string): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${stagingTableName(importId)}`);
}

/** Drops staging tables whose import is no longer running (left behind by a process that died). */
export async function dropOrphanStagingTables(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT t.tablename AS table_name FROM pg_tables t
      WHERE t.schemaname = current_schema() AND t.tablename LIKE '${STAGE_PREFIX}%'
        AND NOT EXISTS (
          SELECT 1 FROM contact_imports i
           WHERE replace(i.id::text, '-', '') = substr(t.tablename, ${STAGE_PREFIX.length + 1})
             AND i.status IN ('validating', 'committing'))`,
  );
  for (const r of rows) {
    if (/^contact_import_stage_[0-9a-f]{32}$/.test(r.table_name)) await client.query(`DROP TABLE IF EXISTS ${r.table_name}`);
  }
  return rows.length;
}

/** A Postgres array literal for COPY: {"a","b \"c\""}. */
function textArrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

/** One value in COPY's text format: NULL is \N; backslash, tab, newline and carriage return are escaped. */
function copyValue(v: string | number | null): string {
  if (v === null) return "\\N";
  if (typeof v === "number") return String(v);
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (ch) => COPY_ESCAPES[ch]!) : v;
}
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** One staged row as a line of COPY text-format input (without its newline); `ordinal` numbers rows in file order. */
export function copyLine(c: StagedContact, ordinal: number): string {
  return [
    ordinal,
    c.sourceRow,
    c.email,
    c.firstName,
    c.lastName,
    c.phone,
    c.title,
    c.seniority,
    c.department,
    c.source,
    c.country,
    c.timezone,
    c.tags && c.tags.length > 0 ? textArrayLiteral(c.tags) : null,
    c.lifecycleStage,
    c.score,
    c.tier,
    c.emailConsent,
    c.doNotContact === null ? null : c.doNotContact ? "t" : "f",
    c.custom ? JSON.stringify(c.custom) : null,
    c.companyName,
    c.companyDomain,
  ]
    .map(copyValue)
    .join("\t");
}

/**
 * A batch as COPY text-format input (one line per row, tab-separated, in STAGED_COLUMNS order). `firstOrdinal` numbers
 * rows in file order (dedupe keeps the highest). Empty values never reach here (the row validator turns them into
 * null), so NULL means "the file says nothing" and nothing else.
 */
export function copyRows(batch: StagedContact[], firstOrdinal: number): string {
  let out = "";
  for (let i = 0; i < batch.length; i++) out += `${copyLine(batch[i]!, firstOrdinal + i)}\n`;
  return out;
}

/**
 * A batch's COPY text, written line by line into a reusable byte buffer (UTF-8) as rows are validated. Each line's
 * string dies young; held in a JS array until the batch was sent, a million rows' lines were promoted to the old
 * generation and grew the heap by ~100 MB between full collections (bench/crm). Reuse a buffer only after its COPY ended.
 */
export class CopyText {
  private buf = Buffer.allocUnsafe(256 * 1024);
  private used = 0;

  get byteLength(): number {
    return this.used;
  }

  /** Appends one line (from copyLine) and its newline. */
  add(line: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const room = line.length * 3 + 1;
    if (this.buf.length - this.used < room) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.used + room));
      this.buf.copy(bigger, 0, 0, this.used);
      this.buf = bigger;
    }
    this.used += this.buf.write(line, this.used, "utf8");
    this.buf[this.used++] = 0x0a;
  }

  bytes(): Buffer {
    return this.buf.subarray(0, this.used);
  }

  clear(): void {
    this.used = 0;
  }
}

/** Appends one batch (built by copyRows or CopyText) with a single COPY FROM STDIN. */
export async function copyBatch(client: pg.ClientBase, table: string, copyText: string | Buffer): Promise<void> {
  if (copyText.length === 0) return;
  const copy = client.query(copyFrom(`COPY ${table} (${STAGED_COLUMNS.join(", ")}) FROM STDIN`));
  await pipeline(Readable.from([copyText]), copy);
}
