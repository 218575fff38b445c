// EXIF summary: camera fields are kept, GPS is only noted as removed. Makes its JPEGs with sharp's withExif.
// Never asserts on a coordinate being present in anything but the test's own input.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { summariseExif } from "./exif";

describe("summariseExif", () => {
  it("keeps camera, software, capture time and orientation, and never a coordinate", async () => {
    const jpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } })
      .jpeg()
      .withExif({
        IFD0: { Make: "Canon", Model: "EOS R6", Software: "Lightroom" },
        IFD2: { DateTimeOriginal: "2026:05:01 10:22:31" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 2646/100", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 3960/100" },
      })
      .toBuffer();
    const meta = await sharp(jpeg).metadata();
    const summary = summariseExif(meta.exif);
    expect(summary).toMatchObject({ make: "Canon", model: "EOS R6", software: "Lightroom", takenAt: "2026:05:01 10:22:31", locationRemoved: true });
    expect(JSON.stringify(summary)).not.toMatch(/51|GPS|Latitude/i);
  });

  it("answers null for missing or garbage blocks", () => {
    expect(summariseExif(undefined)).toBeNull();
    expect(summariseExif(Buffer.from("Exif\0\0garbage!"))).toBeNull();
  });
});
