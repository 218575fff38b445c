// Crop maths for platform variants: the largest box of a target aspect ratio that fits the picture, centred on the focal
// point as far as the edges allow. Pure; never returns a box outside the picture or smaller than one pixel.
import type { MediaVariantPreset } from "@/db/schema";

export interface CropBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface RatioPreset {
  preset: MediaVariantPreset;
  ratio: number;
  /** Output size when the source is large enough (never enlarged). */
  width: number;
  height: number;
  /** Where it is used, for the UI. */
  use: string;
}

export const RATIO_PRESETS: readonly RatioPreset[] = [
  { preset: "1:1", ratio: 1, width: 1080, height: 1080, use: "Instagram and Facebook feed, LinkedIn" },
  { preset: "4:5", ratio: 4 / 5, width: 1080, height: 1350, use: "Instagram and Facebook portrait feed" },
  { preset: "9:16", ratio: 9 / 16, width: 1080, height: 1920, use: "Stories, Reels, TikTok, Shorts" },
  { preset: "16:9", ratio: 16 / 9, width: 1920, height: 1080, use: "YouTube, X, landscape video" },
  { preset: "1.91:1", ratio: 1.91, width: 1200, height: 628, use: "Link previews, Facebook and LinkedIn ads" },
  { preset: "2:3", ratio: 2 / 3, width: 1000, height: 1500, use: "Pinterest" },
];

/** The largest `ratio` box inside width × height whose centre is as close to the focal point (0–1) as the edges allow. */
export function focalCrop(width: number, height: number, ratio: number, focalX = 0.5, focalY = 0.5): CropBox {
  if (width < 1 || height < 1) throw new Error("A crop needs a picture of at least one pixel.");
  let w = width;
  let h = Math.round(width / ratio);
  if (h > height) {
    h = height;
    w = Math.round(height * ratio);
  }
  w = Math.max(1, Math.min(w, width));
  h = Math.max(1, Math.min(h, height));
  const fx = Math.min(1, Math.max(0, focalX));
  const fy = Math.min(1, Math.max(0, focalY));
  const left = Math.round(Math.min(Math.max(fx * width - w / 2, 0), width - w));
  const top = Math.round(Math.min(Math.max(fy * height - h / 2, 0), height - h));
  return { left, top, width: w, height: h };
}

/** The output size for a crop: the preset's size, or the crop's own when it is smaller (never enlarged). */
export function outputSize(crop: CropBox, preset: RatioPreset): { width: number; height: number } {
  if (crop.width >= preset.width) return { width: preset.width, height: preset.height };
  return { width: crop.width, height: Math.max(1, Math.round(crop.width / preset.ratio)) };
}
