// Reads the few EXIF fields worth keeping (camera, software, capture time, orientation) from the raw TIFF block sharp
// hands back, and notes whether GPS was present. Never returns, stores or logs a coordinate.
import type { MediaExifSummary } from "@/db/schema";

const TAG_MAKE = 0x010f;
const TAG_MODEL = 0x0110;
const TAG_ORIENTATION = 0x0112;
const TAG_SOFTWARE = 0x0131;
const TAG_EXIF_IFD = 0x8769;
const TAG_GPS_IFD = 0x8825;
const TAG_DATE_ORIGINAL = 0x9003;
const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 };

interface Entry {
  tag: number;
  type: number;
  count: number;
  /** Offset of the value (inline or pointed to) within the TIFF block. */
  valueOffset: number;
}

/** Summarises an EXIF block ("Exif\0\0" + TIFF, or TIFF alone); null when it cannot be read. */
export function summariseExif(raw: Uint8Array | undefined | null): MediaExifSummary | null {
  if (!raw || raw.length < 8) return null;
  let buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (buf.subarray(0, 6).toString("latin1") === "Exif\0\0") buf = buf.subarray(6);
  const order = buf.subarray(0, 2).toString("latin1");
  if (order !== "II" && order !== "MM") return null;
  const le = order === "II";
  const u16 = (o: number) => (o + 2 <= buf.length ? (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o)) : 0);
  const u32 = (o: number) => (o + 4 <= buf.length ? (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o)) : 0);
  if (u16(2) !== 42) return null;

  const readIfd = (offset: number): Entry[] => {
    if (offset <= 0 || offset + 2 > buf.length) return [];
    const n = Math.min(u16(offset), 512);
    const entries: Entry[] = [];
    for (let i = 0; i < n; i++) {
      const at = offset + 2 + i * 12;
      if (at + 12 > buf.length) break;
      const type = u16(at + 2);
      const count = u32(at + 4);
      const size = (TYPE_SIZES[type] ?? 1) * count;
      entries.push({ tag: u16(at), type, count, valueOffset: size <= 4 ? at + 8 : u32(at + 8) });
    }
    return entries;
  };
  const ascii = (e: Entry | undefined): string | undefined => {
    if (!e || e.type !== 2 || e.valueOffset + e.count > buf.length) return undefined;
    const s = buf.subarray(e.valueOffset, e.valueOffset + e.count).toString("latin1").replace(/\u0000+$/, "").replace(/[\u0000-\u001f]/g, "").trim();
    return s ? s.slice(0, 100) : undefined;
  };

  const ifd0 = readIfd(u32(4));
  const find = (list: Entry[], tag: number) => list.find((e) => e.tag === tag);
  const summary: MediaExifSummary = {};
  const make = ascii(find(ifd0, TAG_MAKE));
  const model = ascii(find(ifd0, TAG_MODEL));
  const software = ascii(find(ifd0, TAG_SOFTWARE));
  if (make) summary.make = make;
  if (model) summary.model = model;
  if (software) summary.software = software;
  const orientation = find(ifd0, TAG_ORIENTATION);
  if (orientation && orientation.type === 3) {
    const v = u16(orientation.valueOffset);
    if (v >= 1 && v <= 8) summary.orientation = v;
  }
  const exifPtr = find(ifd0, TAG_EXIF_IFD);
  if (exifPtr) {
    const taken = ascii(find(readIfd(u32(exifPtr.valueOffset)), TAG_DATE_ORIGINAL));
    if (taken) summary.takenAt = taken;
  }
  // Only the fact that a location was there: its coordinates are never read into memory we keep.
  if (find(ifd0, TAG_GPS_IFD)) summary.locationRemoved = true;
  return summary;
}
