// Encodings of uploaded CSVs: BOM stripping across chunks, UTF-8 validity across chunks, Windows-1252's 0x80–0x9F,
// line-ending normalisation and delimiter sniffing.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BomStripper, detectDelimiter, LineEndingNormaliser, LineEndings, latin1ToWindows1252, reinterpretLatin1, Utf8Validator } from "./encoding";

async function through(t: NodeJS.ReadWriteStream, chunks: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  const s = Readable.from(chunks).pipe(t);
  for await (const c of s as AsyncIterable<Buffer>) out.push(c);
  return Buffer.concat(out);
}

describe("BomStripper", () => {
  it("drops a BOM split over three chunks, and nothing else", async () => {
    const out = await through(new BomStripper(), [Buffer.from([0xef]), Buffer.from([0xbb]), Buffer.from([0xbf, 0x45, 0x6d])]);
    expect(out.toString()).toBe("Em");
  });
  it("keeps a file without a BOM intact, even one shorter than a BOM", async () => {
    expect((await through(new BomStripper(), [Buffer.from("ab")])).toString()).toBe("ab");
    expect((await through(new BomStripper(), [Buffer.from([0xef, 0x41])])).equals(Buffer.from([0xef, 0x41]))).toBe(true);
  });
});

describe("Utf8Validator", () => {
  it("accepts a multi-byte character split across chunks", () => {
    const v = new Utf8Validator();
    const e = Buffer.from("Café €");
    v.push(e.subarray(0, 4));
    v.push(e.subarray(4, 7));
    v.push(e.subarray(7));
    expect(v.end()).toBe(true);
  });
  it("rejects Latin-1 bytes and a truncated sequence at the end", () => {
    const latin = new Utf8Validator();
    latin.push(Buffer.from([0x52, 0x65, 0x6e, 0xe9, 0x2c]));
    expect(latin.end()).toBe(false);
    const cut = new Utf8Validator();
    cut.push(Buffer.from([0x41, 0xe2, 0x82]));
    expect(cut.end()).toBe(false);
  });
});

describe("Windows-1252", () => {
  it("maps the bytes Latin-1 leaves as control characters (€, curly quotes, dashes)", () => {
    const latin1 = Buffer.from([0x80, 0x20, 0x93, 0x48, 0x94, 0x20, 0x96, 0x20, 0xe9]).toString("latin1");
    expect(latin1ToWindows1252(latin1)).toBe("€ “H” – é");
  });
  it("re-reads a Latin-1-decoded cell as UTF-8 when the file is UTF-8", () => {
    expect(reinterpretLatin1(Buffer.from("René").toString("latin1"), "utf-8")).toBe("René");
    expect(reinterpretLatin1(Buffer.from([0x52, 0x65, 0x6e, 0xe9]).toString("latin1"), "windows-1252")).toBe("René");
  });
});

describe("line endings", () => {
  it("turns CRLF, CR and LF into LF, including a CRLF split across chunks", async () => {
    const out = await through(new LineEndingNormaliser(), [Buffer.from("a\r\nb\rc\r"), Buffer.from("\nd\r"), Buffer.from("e\r")]);
    expect(out.toString()).toBe("a\nb\nc\nd\ne\n");
  });
  it("leaves chunks without CR untouched (same buffer)", () => {
    const chunk = Buffer.from("a\nb\n");
    expect(new LineEndings().convert(chunk)).toBe(chunk);
  });
});

describe("detectDelimiter", () => {
  it("reads the delimiter off the header line", () => {
    expect(detectDelimiter("Email,First name,Last name")).toBe(",");
    expect(detectDelimiter("E-Mail;Vorname;Nachname")).toBe(";");
    expect(detectDelimiter("Email\tName")).toBe("\t");
    expect(detectDelimiter("Email")).toBe(",");
  });
});
