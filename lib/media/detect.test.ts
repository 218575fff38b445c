// Magic-byte detection: the bytes decide the type, the name may only agree. Makes its samples with sharp and by hand.
// Never reads fixtures from disk: every sample is built in memory.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { detectType, extensionMismatch, extensionOf } from "./detect";

const pixel = () => sharp({ create: { width: 8, height: 8, channels: 3, background: "#3366cc" } });

async function kindOf(bytes: Uint8Array) {
  const d = await detectType(bytes);
  return d.ok ? `${d.type.kind}/${d.type.format}` : d.code;
}

describe("detectType", () => {
  it("recognises each accepted image format from its bytes", async () => {
    expect(await kindOf(await pixel().jpeg().toBuffer())).toBe("image/jpeg");
    expect(await kindOf(await pixel().png().toBuffer())).toBe("image/png");
    expect(await kindOf(await pixel().webp().toBuffer())).toBe("image/webp");
    expect(await kindOf(await pixel().avif().toBuffer())).toBe("image/avif");
    expect(await kindOf(await pixel().gif().toBuffer())).toBe("image/gif");
  });

  it("recognises PDF, MP4, QuickTime and WebM headers", async () => {
    expect(await kindOf(Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "latin1"))).toBe("pdf/pdf");
    const ftyp = (brand: string) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from(`ftyp${brand}\0\0\0\0${brand}isom`, "latin1"), Buffer.alloc(64)]);
    expect(await kindOf(ftyp("mp42"))).toBe("video/mp4");
    expect(await kindOf(ftyp("qt  "))).toBe("video/mov");
    const webm = Buffer.from("1a45dfa39f4286810142f7810142f2810442f381084282847765626d4287810442858102", "hex");
    expect(await kindOf(Buffer.concat([webm, Buffer.alloc(64)]))).toBe("video/webm");
  });

  it("recognises SVG text, with or without a prolog", async () => {
    expect(await kindOf(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe("svg/svg");
    expect(await kindOf(Buffer.from('\ufeff<?xml version="1.0"?>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBe("svg/svg");
    expect(await kindOf(Buffer.from("<?xml version='1.0'?><html/>"))).toBe("UNSUPPORTED_TYPE");
  });

  it("refuses executables, archives, other formats and empty files", async () => {
    expect(await kindOf(Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200)]))).toBe("UNSUPPORTED_TYPE");
    expect(await kindOf(Buffer.from("504b0304140000000800", "hex"))).toBe("UNSUPPORTED_TYPE");
    expect(await kindOf(await pixel().tiff().toBuffer())).toBe("UNSUPPORTED_TYPE");
    expect(await kindOf(Buffer.from("just some text, not an image"))).toBe("UNSUPPORTED_TYPE");
    expect(await kindOf(new Uint8Array())).toBe("EMPTY_FILE");
  });

  it("names what a refused file is", async () => {
    const d = await detectType(await pixel().tiff().toBuffer());
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.message).toMatch(/TIF/);
  });
});

describe("extensions", () => {
  it("reads only things that look like extensions", () => {
    expect(extensionOf("photo.JPG")).toBe("jpg");
    expect(extensionOf("Screenshot at 10.22")).toBeNull();
    expect(extensionOf("noext")).toBeNull();
  });

  it("refuses a name that claims another type than the bytes, and accepts agreeing or missing extensions", async () => {
    const png = await detectType(await pixel().png().toBuffer());
    if (!png.ok) throw new Error("png");
    expect(extensionMismatch("holiday.jpg", png.type)).toMatch(/named \.jpg but its contents are a PNG image/);
    expect(extensionMismatch("invoice.pdf", png.type)).toMatch(/PNG/);
    expect(extensionMismatch("holiday.png", png.type)).toBeNull();
    expect(extensionMismatch("holiday", png.type)).toBeNull();
    const jpeg = await detectType(await pixel().jpeg().toBuffer());
    if (!jpeg.ok) throw new Error("jpeg");
    expect(extensionMismatch("a.jpeg", jpeg.type)).toBeNull();
    expect(extensionMismatch("a.JPG", jpeg.type)).toBeNull();
  });
});
