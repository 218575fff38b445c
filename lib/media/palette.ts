// Dominant colours of a picture from a small RGB rendering: bucket by 4 bits per channel, average each bucket, and keep
// the most common buckets that differ visibly. Pure and deterministic; never sample more than the rendering given.

export interface PaletteOptions {
  /** At most this many colours. */
  size?: number;
  /** Colours closer than this (Euclidean, 0–441) to one already chosen are skipped. */
  minDistance?: number;
}

function hex(n: number): string {
  return Math.round(n).toString(16).padStart(2, "0");
}

/** `pixels` is packed RGB (3 bytes per pixel) or RGBA (4, with `channels` = 4; transparent pixels are ignored). */
export function dominantPalette(pixels: Uint8Array, channels: 3 | 4, options: PaletteOptions = {}): string[] {
  const size = options.size ?? 5;
  const minDistance = options.minDistance ?? 40;
  const buckets = new Map<number, { n: number; r: number; g: number; b: number }>();
  for (let i = 0; i + channels <= pixels.length; i += channels) {
    if (channels === 4 && pixels[i + 3]! < 128) continue;
    const r = pixels[i]!;
    const g = pixels[i + 1]!;
    const b = pixels[i + 2]!;
    const key = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
    const bucket = buckets.get(key);
    if (bucket) {
      bucket.n++;
      bucket.r += r;
      bucket.g += g;
      bucket.b += b;
    } else {
      buckets.set(key, { n: 1, r, g, b });
    }
  }
  const ranked = [...buckets.entries()].sort((a, b) => b[1].n - a[1].n || a[0] - b[0]).map(([, v]) => [v.r / v.n, v.g / v.n, v.b / v.n] as const);
  const chosen: (readonly [number, number, number])[] = [];
  for (const c of ranked) {
    if (chosen.length >= size) break;
    if (chosen.every((p) => Math.hypot(p[0] - c[0], p[1] - c[1], p[2] - c[2]) >= minDistance)) chosen.push(c);
  }
  return chosen.map(([r, g, b]) => `#${hex(r)}${hex(g)}${hex(b)}`);
}
