// The malformed-CSV corpus (tests/fixtures/csv plus generated files): each file gets a clear row-level or file-level error,
// and nothing is half-imported: a refused upload leaves no import and no file, a row error leaves only the valid rows.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, count, eq } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactImportErrors, contactImports, contacts } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import type { Ctx } from "@/lib/auth/context";
import { getImport, importUploadDir, runContactImport, startImport, uploadImport, type ImportPreview, type UploadOptions } from "@/lib/crm/import";
import { setEnv } from "@/lib/env";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";

const getDb = setupTestDb();
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/csv");
const manualBoss = { createQueue: async () => {}, send: async () => crypto.randomUUID() } as unknown as PgBoss;
let dataDir = "";

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "aicmo-import-corpus-"));
  setEnv("AICMO_DATA_DIR", dataDir);
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));

async function upload(ctx: Ctx, bytes: Buffer | string, name = "contacts.csv", options?: UploadOptions): Promise<ImportPreview> {
  const form = new FormData();
  form.append("file", new Blob([typeof bytes === "string" ? bytes : new Uint8Array(bytes)], { type: "text/csv" }), name);
  const req = new Request("http://localhost/api/v1/contacts/imports", { method: "POST", body: form });
  return uploadImport(ctx, { headers: req.headers, body: req.body }, options);
}

async function importFile(ws: TestWorkspace, bytes: Buffer | string, mapping?: Record<string, string | null>) {
  const ctx = ws.ctx("owner");
  const preview = await upload(ctx, bytes);
  await startImport(ctx, preview.id, { mapping: (mapping ?? preview.suggestedMapping) as never, policy: "update" }, { boss: manualBoss });
  await runContactImport(getDb(), { importId: preview.id, workspaceId: ws.id });
  const imp = await getImport(ctx, preview.id);
  const errors = await getDb()
    .select({ row: contactImportErrors.rowNumber, field: contactImportErrors.field, reason: contactImportErrors.reason })
    .from(contactImportErrors)
    .where(eq(contactImportErrors.importId, preview.id))
    .orderBy(asc(contactImportErrors.rowNumber));
  const rows = await getDb().select().from(contacts).where(eq(contacts.workspaceId, ws.id)).orderBy(asc(contacts.email));
  return { preview, imp, errors, rows };
}

/** A refused upload: the error, and proof that no import row and no file were left behind. */
async function refused(bytes: Buffer | string, name?: string, options?: UploadOptions) {
  const ws = await makeWorkspace(getDb());
  const err = await upload(ws.ctx("owner"), bytes, name, options).then(
    () => null,
    (e: unknown) => e as { code: string; status: number; message: string },
  );
  const [{ n }] = (await getDb().select({ n: count() }).from(contactImports).where(eq(contactImports.workspaceId, ws.id))) as [{ n: number }];
  const dir = importUploadDir(ws.id);
  return { err, imports: n, files: existsSync(dir) ? readdirSync(dir) : [] };
}

describe("file-level errors: the upload is refused, nothing is stored", () => {
  it.each([
    ["empty.csv", 422, "The file is empty."],
    ["header-only.csv", 422, "The file has a header row but no contacts below it."],
    ["missing-header.csv", 422, 'The first row looks like a contact ("jane@example.com"), not column names. Add a header row (for example: Email,First name,Last name).'],
    [
      "duplicate-headers.csv",
      422,
      'The file has duplicate column names: "Email" (columns 1 and 3). Rename or remove the duplicates so each column can be mapped.',
    ],
    [
      "broken-quotes-unclosed.csv",
      422,
      "Broken quotes: a quoted value that starts at row 3 is never closed, so the file cannot be read past it. Fix the quotes and upload again.",
    ],
  ])("%s → %i: %s", async (file, status, message) => {
    const r = await refused(fixture(file), file);
    expect(r.err).toMatchObject({ status, message });
    expect(r).toMatchObject({ imports: 0, files: [] });
  });

  it("refuses a spreadsheet by its first bytes (415 NOT_CSV), whatever its name says", async () => {
    const r = await refused(fixture("not-csv.xlsx.bin"), "contacts.csv");
    expect(r.err).toMatchObject({ status: 415, code: "NOT_CSV", message: expect.stringContaining("Excel workbook (.xlsx)") });
    expect(r).toMatchObject({ imports: 0, files: [] });
    const byName = await refused("Email\na@b.example\n", "contacts.xlsx");
    expect(byName.err).toMatchObject({ status: 415, code: "NOT_CSV" });
    const binary = await refused(Buffer.from([0x45, 0x6d, 0x00, 0x01, 0x02, 0x0a]), "x.csv");
    expect(binary.err).toMatchObject({ status: 415, message: "This file contains binary data, not CSV text." });
  });

  it("reads a BOM and header that arrive in one-byte pieces", async () => {
    const ws = await makeWorkspace(getDb());
    const bytes = fixture("bom-utf8.csv");
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        // Hand-built multipart body: the file's bytes cross the wire one at a time.
        const boundary = "----aicmo-test";
        const pre = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bom.csv"\r\nContent-Type: text/csv\r\n\r\n`);
        controller.enqueue(pre);
        for (const b of bytes) controller.enqueue(Uint8Array.of(b));
        controller.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`));
        controller.close();
      },
    });
    const preview = await uploadImport(ws.ctx("owner"), { headers: new Headers({ "content-type": "multipart/form-data; boundary=----aicmo-test" }), body });
    expect(preview).toMatchObject({ bom: true, headers: ["Email", "First name"], totalRows: 1 });
  });

  it("a BOM and nothing else is an empty file", async () => {
    const r = await refused(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(r.err).toMatchObject({ status: 422, message: "The file is empty." });
  });

  it("stops reading at the size limit (413) and at the row limit (413 TOO_MANY_ROWS)", async () => {
    const big = `Email\n${"x@example.com\n".repeat(20_000)}`;
    const tooBig = await refused(big, "big.csv", { maxBytes: 64 * 1024 });
    expect(tooBig.err).toMatchObject({ status: 413, code: "FILE_TOO_LARGE", message: "The file is larger than 64 KB. Split it into smaller files." });
    expect(tooBig).toMatchObject({ imports: 0, files: [] });
    const tooMany = await refused(big, "many.csv", { maxRows: 1_000 });
    expect(tooMany.err).toMatchObject({ status: 413, code: "TOO_MANY_ROWS", message: "The file has more than 1,000 rows. Split it into smaller files." });
    expect(tooMany).toMatchObject({ imports: 0, files: [] });
  });
});

describe("encodings", () => {
  it("strips a UTF-8 BOM so the first header is recognised", async () => {
    const ws = await makeWorkspace(getDb());
    const { preview, imp, rows } = await importFile(ws, fixture("bom-utf8.csv"));
    expect(preview).toMatchObject({ bom: true, encoding: "utf-8", encodingNote: null, headers: ["Email", "First name"], suggestedMapping: { Email: "email" } });
    expect(imp).toMatchObject({ status: "completed", inserted: 1 });
    expect(rows.map((r) => [r.email, r.firstName])).toEqual([["bom@example.com", "Bea"]]);
  });

  it("reads the same text from UTF-8 and from Windows-1252 bytes, and says when it fell back", async () => {
    const utf8 = await importFile(await makeWorkspace(getDb()), fixture("utf8.csv"));
    const latin = await importFile(await makeWorkspace(getDb()), fixture("latin1.csv"));
    expect(utf8.preview).toMatchObject({ encoding: "utf-8", encodingNote: null, sampleRows: [["rene@example.com", "René", "Café €"]] });
    expect(latin.preview).toMatchObject({
      encoding: "windows-1252",
      encodingNote: expect.stringContaining("not valid UTF-8, so it was read as Windows-1252"),
      sampleRows: [["rene@example.com", "René", "Café €"]],
    });
    const company = async (workspaceId: string) =>
      (await getDb().query.companies.findFirst({ where: (c, { eq: e }) => e(c.workspaceId, workspaceId) }))?.name;
    expect(latin.rows[0]!.firstName).toBe("René");
    expect(utf8.rows[0]!.firstName).toBe("René");
    expect(await company(latin.rows[0]!.workspaceId)).toBe("Café €");
  });
});

describe("row-level errors: the rest of the file is imported", () => {
  it("a stray quote is reported on its row; the rows around it are imported", async () => {
    const { imp, errors, rows } = await importFile(await makeWorkspace(getDb()), fixture("broken-quotes-row.csv"));
    expect(imp).toMatchObject({ status: "completed", totalRows: 3, processedRows: 3, errorRows: 1, inserted: 2 });
    expect(errors).toEqual([{ row: 3, field: "(row)", reason: expect.stringMatching(/^Broken quotes/) }]);
    expect(rows.map((r) => r.email)).toEqual(["ada@example.com", "cy@example.com"]);
  });

  it("each invalid email is one error naming its row; the valid row is imported", async () => {
    const { imp, errors, rows } = await importFile(await makeWorkspace(getDb()), fixture("invalid-emails.csv"));
    expect(imp).toMatchObject({ status: "completed", processedRows: 5, validRows: 1, errorRows: 4 });
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [3, "Email"],
      [4, "Email"],
      [5, "Email"],
      [6, "Email"],
    ]);
    expect(errors[3]!.reason).toBe('Not a valid email address. ("=HYPERLINK("http://evil")")');
    expect(rows.map((r) => r.email)).toEqual(["ok@example.com"]);
  });

  it("a value with two stray quotes is one broken row, counted once, between rows that import", async () => {
    const file = 'Email,First name\na@x.example,A\nb@x.example,=HYPERLINK("x")\nc@x.example,C\n';
    const { preview, imp, errors, rows } = await importFile(await makeWorkspace(getDb()), file);
    expect(preview).toMatchObject({ totalRows: 3, warnings: [expect.stringMatching(/^Row 3: Broken quotes/)] });
    expect(imp).toMatchObject({ status: "completed", totalRows: 3, processedRows: 3, errorRows: 1, inserted: 2 });
    expect(errors.map((e) => [e.row, e.field])).toEqual([[3, "(row)"]]);
    expect(rows.map((r) => r.email)).toEqual(["a@x.example", "c@x.example"]);
  });

  it("mixed CRLF/LF/CR line endings: every row is read and the bad one is numbered as an editor shows it", async () => {
    const { imp, errors, rows } = await importFile(await makeWorkspace(getDb()), fixture("mixed-line-endings.csv"));
    expect(imp).toMatchObject({ status: "completed", totalRows: 5, processedRows: 5, inserted: 4, errorRows: 1 });
    expect(errors.map((e) => [e.row, e.field])).toEqual([[5, "Email"]]);
    expect(rows.map((r) => r.firstName)).toEqual(["One", "Two", "Three", "Five"]);
  });

  it("a 100,000-character cell: an error where the field has a limit, harmless in an ignored column", async () => {
    const huge = "x".repeat(100_000);
    const file = `Email,Title,Notes\nlong-title@example.com,"${huge}",\nlong-notes@example.com,CEO,"${huge}"\n`;
    const { preview, imp, errors, rows } = await importFile(await makeWorkspace(getDb()), file, { Email: "email", Title: "title", Notes: null });
    expect(preview.sampleRows[0]![1]).toHaveLength(501);
    expect(imp).toMatchObject({ status: "completed", processedRows: 2, errorRows: 1, inserted: 1 });
    expect(errors).toEqual([{ row: 2, field: "Title", reason: expect.stringMatching(/200/) }]);
    expect(rows.map((r) => [r.email, r.title])).toEqual([["long-notes@example.com", "CEO"]]);
  });

  it("a semicolon-delimited file with German headers is detected and mapped", async () => {
    const { preview, imp, rows } = await importFile(await makeWorkspace(getDb()), fixture("semicolon.csv"));
    expect(preview).toMatchObject({ delimiter: ";", suggestedMapping: { "E-mail": "email", Vorname: "firstName", Nachname: "lastName", Firma: null } });
    expect(imp).toMatchObject({ status: "completed", inserted: 1 });
    expect(rows[0]).toMatchObject({ email: "anna@example.de", firstName: "Anna", lastName: "Schmidt" });
  });

  it("a row with more values than the header has columns is refused with a reason", async () => {
    const { errors, rows } = await importFile(await makeWorkspace(getDb()), "Email,First name\na@x.example,A\nb@x.example,B,Smith, Jr\n");
    expect(errors).toEqual([{ row: 3, field: "(row)", reason: expect.stringContaining("4 values but the header has 2 columns") }]);
    expect(rows.map((r) => r.email)).toEqual(["a@x.example"]);
  });
});
