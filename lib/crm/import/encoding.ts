// Text encodings of uploaded CSV files: UTF-8 (with or without a BOM) or, when the bytes are not valid UTF-8,
// Windows-1252 (the Latin-1 superset Excel writes). Never guess per row: one file has one encoding, decided on all its bytes.
import { Transform, type TransformCallback } from "node:stream";

export type FileEncoding = "utf-8" | "windows-1252";

const BOM = [0xef, 0xbb, 0xbf] as const;

export function startsWithUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
}

/** Drops a leading UTF-8 BOM, however the first bytes are split across chunks. */
export class BomStripper extends Transform {
  private head: Buffer | null = Buffer.alloc(0);
  stripped = false;

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (this.head === null) return cb(null, chunk);
    const buf = Buffer.concat([this.head, chunk]);
    if (buf.length < 3 && BOM.slice(0, buf.length).every((b, i) => buf[i] === b)) {
      this.head = buf;
      return cb();
    }
    this.head = null;
    if (startsWithUtf8Bom(buf)) {
      this.stripped = true;
      return cb(null, buf.subarray(3));
    }
    cb(null, buf);
  }

  override _flush(cb: TransformCallback): void {
    if (this.head && this.head.length > 0) this.push(this.head);
    cb();
  }
}

/** Tells whether a byte stream is valid UTF-8, across chunk boundaries, without keeping the text. */
export class Utf8Validator {
  private decoder = new TextDecoder("utf-8", { fatal: true });
  private ok = true;

  push(chunk: Uint8Array): void {
    if (!this.ok) return;
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      this.ok = false;
    }
  }

  /** Call once, after the last chunk. */
  end(): boolean {
    if (this.ok) {
      try {
        this.decoder.decode();
      } catch {
        this.ok = false;
      }
    }
    return this.ok;
  }
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F. Node 20's TextDecoder("windows-1252") decodes those bytes as
// Latin-1 control characters, so the 32 code points are mapped here (the five bytes Windows leaves undefined stay as they are).
const CP1252_HIGH =
  "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
  "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";
const C1 = /[\u0080-\u009f]/;
const C1_ALL = /[\u0080-\u009f]/g;

/** A string read byte-for-byte as Latin-1, corrected to Windows-1252. */
export function latin1ToWindows1252(s: string): string {
  return C1.test(s) ? s.replace(C1_ALL, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!) : s;
}

/** Text that was read byte-for-byte as Latin-1, re-read in the file's real encoding. */
export function reinterpretLatin1(s: string, encoding: FileEncoding): string {
  if (encoding === "windows-1252") return latin1ToWindows1252(s);
  return /[^\x00-\x7f]/.test(s) ? Buffer.from(s, "latin1").toString("utf8") : s;
}

/** The field delimiter, read from the header line: the most frequent of comma, semicolon and tab (comma on a tie). */
export function detectDelimiter(headerLine: string): "," | ";" | "\t" {
  let best: "," | ";" | "\t" = ",";
  let bestCount = 0;
  for (const d of [",", ";", "\t"] as const) {
    const n = headerLine.split(d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** Human wording for the preview and the API. */
export function encodingNote(encoding: FileEncoding): string | null {
  return encoding === "windows-1252"
    ? "This file is not valid UTF-8, so it was read as Windows-1252 (Latin-1). Check accented letters in the preview; if they look wrong, save the file as UTF-8 and upload it again."
    : null;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Rewrites CRLF and lone CR as LF, byte for byte, across chunks. Files mix line endings, and the parser counts a CRLF
 * inside a quoted value as two lines, which would shift every row number after it; with one line ending, row numbers match
 * what an editor shows. (A line break inside a cell becomes LF, which is how contacts store it anyway.)
 */
export class LineEndings {
  private pendingCR = false;

  convert(chunk: Buffer): Buffer {
    if (chunk.length === 0) return chunk;
    let from = 0;
    const parts: Buffer[] = [];
    if (this.pendingCR) {
      this.pendingCR = false;
      // A CR that ended the previous chunk: if this chunk starts with LF, that LF stands for the pair.
      if (chunk[0] !== LF) parts.push(LF_BUF);
    }
    let cr = chunk.indexOf(CR);
    if (cr === -1 && parts.length === 0) return chunk;
    while (cr !== -1) {
      parts.push(chunk.subarray(from, cr));
      if (cr + 1 >= chunk.length) this.pendingCR = true;
      else if (chunk[cr + 1] !== LF) parts.push(LF_BUF);
      from = cr + 1;
      cr = chunk.indexOf(CR, from);
    }
    parts.push(chunk.subarray(from));
    return Buffer.concat(parts);
  }

  /** What is still held back after the last chunk. */
  end(): Buffer {
    const rest = this.pendingCR ? LF_BUF : Buffer.alloc(0);
    this.pendingCR = false;
    return rest;
  }
}

const LF_BUF = Buffer.from([LF]);

export class LineEndingNormaliser extends Transform {
  private readonly endings = new LineEndings();

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    cb(null, this.endings.convert(chunk));
  }

  override _flush(cb: TransformCallback): void {
    const rest = this.endings.end();
    if (rest.length > 0) this.push(rest);
    cb();
  }
}
