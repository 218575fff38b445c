// CSV upload for imports: streams the multipart `file` field to the data folder while hashing it, checking its size,
// encoding and CSV shape, then records an `uploaded` import and answers a preview. Never buffers the whole file.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { rename } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import type { Parser } from "csv-parse";
import { and, desc, eq } from "drizzle-orm";
import { contactImports } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { isValidEmail, normaliseEmail, normalisePhone } from "@/lib/crm/normalize";
import { BadRequestError } from "@/lib/errors";
import { createCsvParser, isBlankRecord, type CsvProblem } from "./csv";
import { detectDelimiter, encodingNote, LineEndings, reinterpretLatin1, startsWithUtf8Bom, Utf8Validator, type FileEncoding } from "./encoding";
import { fileProblem, ImportTooLargeError, NotCsvError } from "./errors";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, SAMPLE_ROWS } from "./limits";
import { customKeyFor, mappingProblems, suggestMapping } from "./mapping";
import type { ImportPreview } from "./schemas";
import { deleteUpload, ensureUploadDir, importUploadPath, partialUploadPath, writeUploadMeta, type UploadMeta } from "./storage";

export interface UploadRequest {
  headers: Headers;
  body: ReadableStream<Uint8Array> | null;
}

export interface UploadOptions {
  /** Defaults to MAX_IMPORT_BYTES; tests lower it. */
  maxBytes?: number;
  maxRows?: number;
}

const MB = 1024 * 1024;

function formatSize(bytes: number): string {
  return bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.round(bytes / 1024)} KB`;
}
const PREVIEW_CELL_CHARS = 500;

/** What streaming through the upload learned about the file. */
interface Inspection {
  bytes: number;
  sha256: string;
  encoding: FileEncoding;
  bom: boolean;
  delimiter: string;
  /** Cells as read byte-for-byte (Latin-1); re-read in `encoding` before use. */
  header: string[] | null;
  samples: string[][];
  rows: number;
  problems: CsvProblem[];
  fatal: CsvProblem | null;
  /** The last line of the last record read, to say where an unclosed quote began. */
  lastRecordLine: number;
  headerBroken: CsvProblem | null;
}

const BINARY_SIGNATURES: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], "This is a zip or Excel workbook (.xlsx), not a CSV. In Excel use File → Save As → CSV UTF-8, then upload that."],
  [[0xd0, 0xcf, 0x11, 0xe0], "This is an old Excel workbook (.xls), not a CSV. Save it as CSV UTF-8 and upload that."],
  [[0x25, 0x50, 0x44, 0x46], "This is a PDF, not a CSV."],
  [[0x89, 0x50, 0x4e, 0x47], "This is an image, not a CSV."],
  [[0xff, 0xd8, 0xff], "This is an image, not a CSV."],
  [[0x47, 0x49, 0x46, 0x38], "This is an image, not a CSV."],
  [[0x1f, 0x8b], "This is a compressed (gzip) file; upload the CSV itself."],
  [[0xff, 0xfe], "This CSV is saved as UTF-16. Save it as CSV UTF-8 and upload it again."],
  [[0xfe, 0xff], "This CSV is saved as UTF-16. Save it as CSV UTF-8 and upload it again."],
];

/** Why the first bytes show the file is not CSV text, or null. */
export function sniffNotCsv(first: Uint8Array): string | null {
  for (const [sig, message] of BINARY_SIGNATURES) {
    if (first.length >= sig.length && sig.every((b, i) => first[i] === b)) return message;
  }
  const probe = first.subarray(0, 8192);
  if (probe.includes(0)) return "This file contains binary data, not CSV text.";
  return null;
}

const NOT_CSV_EXTENSIONS = new Set([".xlsx", ".xlsm", ".xls", ".ods", ".numbers", ".pdf", ".zip", ".gz", ".png", ".jpg", ".jpeg", ".gif", ".doc", ".docx", ".json", ".xml"]);

function checkFileName(fileName: string, mimeType: string): NotCsvError | null {
  const ext = path.extname(fileName).toLowerCase();
  if (NOT_CSV_EXTENSIONS.has(ext)) return new NotCsvError(`"${fileName}" is not a CSV file. Export it as CSV (comma-separated values) and upload that.`);
  // Browsers label CSV as text/csv, text/plain, application/vnd.ms-excel or application/octet-stream; refuse only what is clearly not text.
  if (/^(image|audio|video)\//.test(mimeType) || mimeType === "application/pdf" || mimeType === "application/zip" || mimeType.includes("spreadsheetml")) {
    return new NotCsvError(`"${fileName}" is ${mimeType}, not a CSV file.`);
  }
  return null;
}

/** Passes the file through unchanged while hashing, size-checking, sniffing and counting its CSV records. */
class UploadInspector extends Transform {
  private bytes = 0;
  private readonly hash = createHash("sha256");
  private readonly utf8 = new Utf8Validator();
  private head: Buffer[] = [];
  private headBytes = 0;
  /** Set when the first bytes show the upload is not CSV text. */
  private refusal: Error | null = null;
  private bom = false;
  private parser: Parser | null = null;
  private readonly endings = new LineEndings();
  private delimiter = ",";
  private header: string[] | null = null;
  private readonly samples: string[][] = [];
  private rows = 0;
  private readonly problems: CsvProblem[] = [];
  private fatal: CsvProblem | null = null;
  private headerBroken: CsvProblem | null = null;
  private lastRecordLine = 0;
  private lastProblemRow = -1;

  constructor(
    private readonly maxBytes: number,
    private readonly maxRows: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      return cb(new ImportTooLargeError(`The file is larger than ${formatSize(this.maxBytes)}. Split it into smaller files.`));
    }
    this.hash.update(chunk);
    this.utf8.push(chunk);
    this.feed(chunk);
    if (this.refusal) return cb(this.refusal);
    if (this.rows > this.maxRows) {
      return cb(new ImportTooLargeError(`The file has more than ${this.maxRows.toLocaleString("en")} rows. Split it into smaller files.`, "TOO_MANY_ROWS"));
    }
    if (this.fatal?.code === "CSV_MAX_RECORD_SIZE") return cb(fileProblem(`Row ${this.fatal.row}: ${this.fatal.reason}`));
    cb(null, chunk);
  }

  override _flush(cb: TransformCallback): void {
    if (!this.parser && this.headBytes > 0) this.startParser();
    if (this.refusal) return cb(this.refusal);
    if (!this.parser) return cb();
    const parser = this.parser;
    parser.end(this.endings.end());
    finished(parser).then(
      () => cb(),
      (e: unknown) => cb(e as Error),
    );
  }

  private feed(chunk: Buffer): void {
    if (this.parser) {
      this.parser.write(this.endings.convert(chunk));
      return;
    }
    // The BOM, the binary sniff and the delimiter are read from the head of the file, so hold bytes until the first line
    // is complete (or 64 KB say it never ends): however small the first chunks, they are judged together.
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (chunk.includes(0x0a) || chunk.includes(0x0d) || this.headBytes >= 64 * 1024) this.startParser();
  }

  private startParser(): void {
    let head = Buffer.concat(this.head);
    this.head = [];
    this.bom = startsWithUtf8Bom(head);
    if (this.bom) head = head.subarray(3);
    const notCsv = sniffNotCsv(head);
    if (notCsv) {
      this.refusal = new NotCsvError(notCsv);
      return;
    }
    const firstLine = head.toString("latin1").split(/\r\n|\n|\r/, 1)[0] ?? "";
    this.delimiter = detectDelimiter(firstLine);
    this.parser = createCsvParser({
      delimiter: this.delimiter,
      encoding: "latin1",
      onRecord: (record, endLine) => {
        this.lastRecordLine = endLine;
        if (isBlankRecord(record)) return;
        if (this.header === null) {
          this.header = record;
          return;
        }
        this.rows += 1;
        if (this.samples.length < SAMPLE_ROWS) this.samples.push(record);
      },
      onBadRecord: (problem) => {
        // One broken record can be reported twice; it is still one row.
        if (problem.row === this.lastProblemRow && !problem.fatal) return;
        this.lastProblemRow = problem.row;
        if (this.header === null) this.headerBroken ??= problem;
        if (problem.fatal) {
          this.fatal ??= problem;
          return;
        }
        if (this.problems.length < 10) this.problems.push(problem);
        // An unreadable row is still a row of the file: the job reports it as an error row, so it counts here too.
        if (this.header !== null) this.rows += 1;
      },
    });
    this.parser.resume();
    this.parser.write(this.endings.convert(head));
  }

  result(): Inspection {
    return {
      bytes: this.bytes,
      sha256: this.hash.digest("hex"),
      encoding: this.utf8.end() ? "utf-8" : "windows-1252",
      bom: this.bom,
      delimiter: this.delimiter,
      header: this.header,
      samples: this.samples,
      rows: this.rows,
      problems: this.problems,
      fatal: this.fatal,
      lastRecordLine: this.lastRecordLine,
      headerBroken: this.headerBroken,
    };
  }
}

/** Reads the multipart body, storing the `file` field at `dest`. Stops reading the request as soon as it must refuse. */
function receiveFile(req: UploadRequest, dest: string, maxBytes: number, maxRows: number): Promise<{ fileName: string; inspection: Inspection }> {
  return new Promise((resolve, reject) => {
    const source = Readable.fromWeb(req.body as unknown as WebReadableStream<Uint8Array>);
    let settled = false;
    let stored: Promise<{ fileName: string; inspection: Inspection }> | null = null;
    let out: WriteStream | null = null;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      source.unpipe();
      source.destroy();
      // The caller deletes the partial file next: only once it is closed, or an open still in flight could create it
      // again after the delete (seen as a stray `.part` file after a refusal in the first chunk).
      if (!out || out.closed) {
        reject(e);
        return;
      }
      out.once("close", () => reject(e));
      out.destroy();
    };
    let bb: busboy.Busboy;
    try {
      // One byte over the limit reaches the inspector, which refuses with a clear message.
      bb = busboy({
        headers: { "content-type": req.headers.get("content-type") ?? "" },
        limits: { files: 1, fileSize: maxBytes + 1, fields: 20, parts: 40, fieldSize: 64 * 1024 },
      });
    } catch {
      fail(new BadRequestError("Send the CSV as multipart/form-data with a field named `file`.", "NOT_MULTIPART"));
      return;
    }
    bb.on("file", (name, stream, info) => {
      if (name !== "file" || stored) {
        stream.resume();
        return;
      }
      const fileName = sanitiseFileName(info.filename);
      const refused = checkFileName(fileName, info.mimeType ?? "");
      if (refused) {
        stream.resume();
        fail(refused);
        return;
      }
      const inspector = new UploadInspector(maxBytes, maxRows);
      out = createWriteStream(dest);
      stored = pipeline(stream, inspector, out).then(() => ({ fileName, inspection: inspector.result() }));
      stored.catch(fail);
    });
    bb.on("error", () => fail(new BadRequestError("The upload was interrupted or is not valid multipart/form-data.", "MALFORMED_UPLOAD")));
    bb.on("close", () => {
      if (!stored) {
        fail(fileProblem("Attach the CSV in a form field named `file`."));
        return;
      }
      stored.then((r) => {
        if (settled) return;
        settled = true;
        resolve(r);
      }, fail);
    });
    source.on("error", () => fail(new BadRequestError("The upload was interrupted.", "MALFORMED_UPLOAD")));
    source.pipe(bb);
  });
}

function sanitiseFileName(name: string | undefined): string {
  const base = path.basename((name ?? "").replace(/\\/g, "/")).replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (base || "upload.csv").slice(0, 255);
}

/** A header row that is really a contact: an email address, a phone number, or only numbers. */
function headerLooksLikeData(headers: string[]): string | null {
  const cells = headers.map((h) => h.trim()).filter(Boolean);
  for (const h of cells) {
    if (isValidEmail(normaliseEmail(h))) return h;
    if (/^[+(\d][\d\s().-]{6,}$/.test(h) && normalisePhone(h)) return h;
  }
  if (cells.length > 0 && cells.every((h) => /^-?\d+([.,]\d+)?$/.test(h))) return cells[0]!;
  return null;
}

/** Header labels as the user will map them: decoded, trimmed, and blank ones named by position. */
function headerLabels(raw: string[], encoding: FileEncoding): string[] {
  return raw.map((h, i) => reinterpretLatin1(h, encoding).trim() || `Column ${i + 1}`);
}

function duplicateHeaders(headers: string[]): string | null {
  const seen = new Map<string, number[]>();
  headers.forEach((h, i) => {
    const key = h.toLowerCase();
    seen.set(key, [...(seen.get(key) ?? []), i + 1]);
  });
  const dups = [...seen.values()].filter((cols) => cols.length > 1);
  if (dups.length === 0) return null;
  const list = dups.map((cols) => `"${headers[cols[0]! - 1]}" (columns ${cols.join(" and ")})`).join(", ");
  return `The file has duplicate column names: ${list}. Rename or remove the duplicates so each column can be mapped.`;
}

/** Refuses files that cannot be imported as a whole, with a message that names the row or the columns. */
function checkInspection(ins: Inspection): string[] {
  if (ins.bytes === 0 || (ins.header === null && !ins.fatal && !ins.headerBroken)) throw fileProblem("The file is empty.");
  if (ins.headerBroken) throw fileProblem(`The header row cannot be read (row ${ins.headerBroken.row}): ${ins.headerBroken.reason}`);
  if (ins.fatal) {
    const row = ins.fatal.code === "CSV_QUOTE_NOT_CLOSED" ? ins.lastRecordLine + 1 : ins.fatal.row;
    throw fileProblem(
      ins.fatal.code === "CSV_QUOTE_NOT_CLOSED"
        ? `Broken quotes: a quoted value that starts at row ${row} is never closed, so the file cannot be read past it. Fix the quotes and upload again.`
        : `Row ${row}: ${ins.fatal.reason}`,
    );
  }
  const headers = headerLabels(ins.header!, ins.encoding);
  const looksLikeData = headerLooksLikeData(headers);
  if (looksLikeData) {
    throw fileProblem(
      `The first row looks like a contact ("${looksLikeData.slice(0, 80)}"), not column names. Add a header row (for example: Email,First name,Last name).`,
    );
  }
  const dup = duplicateHeaders(headers);
  if (dup) throw fileProblem(dup);
  if (ins.rows === 0) throw fileProblem("The file has a header row but no contacts below it.");
  return headers;
}

/** Streams the upload to disk and records an `uploaded` import; answers the preview the mapping screen shows. */
export async function uploadImport(ctx: Ctx, req: UploadRequest, options: UploadOptions = {}): Promise<ImportPreview> {
  authorize(ctx, "contacts.import");
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  const maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(contentType) || !req.body) {
    throw new BadRequestError("Send the CSV as multipart/form-data with a field named `file`.", "NOT_MULTIPART");
  }
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes + MB) {
    throw new ImportTooLargeError(`The file is larger than ${formatSize(maxBytes)}. Split it into smaller files.`);
  }

  const id = randomUUID();
  await ensureUploadDir(ctx.workspaceId);
  const partial = partialUploadPath(ctx.workspaceId, id);
  try {
    const { fileName, inspection } = await receiveFile(req, partial, maxBytes, maxRows);
    const headers = checkInspection(inspection);
    const finalPath = importUploadPath(ctx.workspaceId, id);
    await rename(partial, finalPath);
    const meta: UploadMeta = {
      version: 1,
      encoding: inspection.encoding,
      bom: inspection.bom,
      delimiter: inspection.delimiter,
      headers,
      totalRows: inspection.rows,
      sha256: inspection.sha256,
      bytes: inspection.bytes,
    };
    await writeUploadMeta(ctx.workspaceId, id, meta);

    const previous = await ctx.db
      .select({ id: contactImports.id, finishedAt: contactImports.finishedAt, policy: contactImports.policy })
      .from(contactImports)
      .where(and(eq(contactImports.workspaceId, ctx.workspaceId), eq(contactImports.fileSha256, inspection.sha256), eq(contactImports.status, "completed")))
      .orderBy(desc(contactImports.finishedAt))
      .limit(5);

    await ctx.db.transaction(async (tx) => {
      await tx.insert(contactImports).values({
        id,
        workspaceId: ctx.workspaceId,
        fileName,
        filePath: finalPath,
        fileBytes: inspection.bytes,
        status: "uploaded",
        totalRows: inspection.rows,
        fileSha256: inspection.sha256,
        createdByUserId: ctx.userId,
      });
      await recordAudit(tx, ctx, {
        action: "contact_import.upload",
        entityType: "contact_import",
        entityId: id,
        after: { fileName, bytes: inspection.bytes, rows: inspection.rows, sha256: inspection.sha256, encoding: inspection.encoding },
      });
    });

    const suggestedMapping = suggestMapping(headers);
    const width = headers.length;
    return {
      id,
      fileName,
      totalBytes: inspection.bytes,
      totalRows: inspection.rows,
      fileSha256: inspection.sha256,
      encoding: inspection.encoding,
      bom: inspection.bom,
      encodingNote: encodingNote(inspection.encoding),
      delimiter: inspection.delimiter,
      headers,
      sampleRows: inspection.samples.map((r) =>
        Array.from({ length: Math.max(width, r.length) }, (_, i) => {
          const v = reinterpretLatin1(r[i] ?? "", inspection.encoding);
          return v.length > PREVIEW_CELL_CHARS ? `${v.slice(0, PREVIEW_CELL_CHARS)}…` : v;
        }),
      ),
      suggestedMapping,
      columns: headers.map((header, index) => {
        const key = customKeyFor(header);
        return { index, header, suggested: suggestedMapping[header] ?? null, customField: key ? `custom.${key}` : null };
      }),
      mappingProblems: mappingProblems(headers, suggestedMapping),
      warnings: inspection.problems.map((p) => `Row ${p.row}: ${p.reason}`),
      previousImports: previous.map((p) => ({ id: p.id, finishedAt: p.finishedAt?.toISOString() ?? null, policy: p.policy })),
    };
  } catch (e) {
    await deleteUpload(ctx.workspaceId, id).catch(() => {});
    throw e;
  }
}
