// Decides what an uploaded file is from its first bytes (file-type's magic numbers, plus an SVG sniff), never from its
// name; the name's extension may only agree. Never let a type outside ACCEPTED through, whatever the name or header says.
import { fileTypeFromBuffer } from "file-type";
import type { MediaKind } from "@/db/schema";

export interface AcceptedType {
  mime: string;
  kind: MediaKind;
  /** jpeg, png, webp, avif, gif, svg, mp4, mov, webm, pdf */
  format: string;
  extensions: readonly string[];
  label: string;
}

export const ACCEPTED_TYPES: readonly AcceptedType[] = [
  { mime: "image/jpeg", kind: "image", format: "jpeg", extensions: ["jpg", "jpeg", "jpe", "jfif"], label: "JPEG image" },
  { mime: "image/png", kind: "image", format: "png", extensions: ["png"], label: "PNG image" },
  { mime: "image/webp", kind: "image", format: "webp", extensions: ["webp"], label: "WebP image" },
  { mime: "image/avif", kind: "image", format: "avif", extensions: ["avif"], label: "AVIF image" },
  { mime: "image/gif", kind: "image", format: "gif", extensions: ["gif"], label: "GIF image" },
  { mime: "image/svg+xml", kind: "svg", format: "svg", extensions: ["svg"], label: "SVG image" },
  { mime: "video/mp4", kind: "video", format: "mp4", extensions: ["mp4", "m4v"], label: "MP4 video" },
  { mime: "video/quicktime", kind: "video", format: "mov", extensions: ["mov", "qt"], label: "QuickTime (MOV) video" },
  { mime: "video/webm", kind: "video", format: "webm", extensions: ["webm"], label: "WebM video" },
  { mime: "application/pdf", kind: "pdf", format: "pdf", extensions: ["pdf"], label: "PDF document" },
];

const BY_MIME = new Map(ACCEPTED_TYPES.map((t) => [t.mime, t]));

/** How many leading bytes detection wants (file-type needs ~4 KB for most formats; SVGs may open with a long comment). */
export const SNIFF_BYTES = 64 * 1024;

export type Detection =
  | { ok: true; type: AcceptedType }
  | { ok: false; code: "UNSUPPORTED_TYPE" | "EMPTY_FILE"; message: string };

function looksLikeSvg(head: Uint8Array): boolean {
  let text = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.trimStart();
  if (!/^<(\?xml|svg|!--|!DOCTYPE)/i.test(text)) return false;
  // The root element (after the prolog, comments and any doctype) must be <svg>.
  const rest = text.replace(/^(\s*(<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>))*\s*/i, "");
  return /^<svg[\s>/]/i.test(rest);
}

/** The accepted type of a file from its first bytes (up to SNIFF_BYTES of them). */
export async function detectType(head: Uint8Array): Promise<Detection> {
  if (head.length === 0) return { ok: false, code: "EMPTY_FILE", message: "The file is empty (0 bytes)." };
  const found = await fileTypeFromBuffer(head);
  // file-type calls any document opening with <?xml "XML"; whether it is an SVG is the sniff's call.
  if (found && found.ext !== "xml") {
    const type = BY_MIME.get(found.mime);
    if (type) return { ok: true, type };
    return {
      ok: false,
      code: "UNSUPPORTED_TYPE",
      message: `This file is ${found.ext.toUpperCase()} (${found.mime}), which the media library does not accept. Upload JPEG, PNG, WebP, AVIF, GIF, SVG, MP4, MOV, WebM or PDF.`,
    };
  }
  if (looksLikeSvg(head)) return { ok: true, type: BY_MIME.get("image/svg+xml")! };
  return {
    ok: false,
    code: "UNSUPPORTED_TYPE",
    message: "This file's contents are not a supported image, video or PDF. Upload JPEG, PNG, WebP, AVIF, GIF, SVG, MP4, MOV, WebM or PDF.",
  };
}

/** The name's extension, when it has one that looks like an extension (".22" in "at 10.22" does not). */
export function extensionOf(fileName: string): string | null {
  const m = /\.([a-z][a-z0-9]{1,4})$/i.exec(fileName.trim());
  return m ? m[1]!.toLowerCase() : null;
}

/** A message when the name claims another type than the bytes are (a PNG called .jpg, a PDF called .png), else null. */
export function extensionMismatch(fileName: string, type: AcceptedType): string | null {
  const ext = extensionOf(fileName);
  if (!ext || type.extensions.includes(ext)) return null;
  return `"${fileName}" is named .${ext} but its contents are a ${type.label}. Rename it to .${type.extensions[0]} and upload it again.`;
}
