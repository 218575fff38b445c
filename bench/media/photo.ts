// Makes the benchmark's 12-megapixel JPEG with sharp: a seeded scene of gradients and soft shapes under sensor-like noise, so
// it decodes and compresses like a camera photo (several MB), not like a flat test card. Deterministic; never read from disk.
import sharp from "sharp";

/** A small deterministic generator (LCG); the same seed draws the same scene. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sceneSvg(seed: number, width: number, height: number): string {
  const r = rng(seed);
  const colour = () => `hsl(${Math.floor(r() * 360)},${35 + Math.floor(r() * 50)}%,${20 + Math.floor(r() * 60)}%)`;
  const shapes: string[] = [];
  for (let i = 0; i < 40; i++) {
    const x = Math.floor(r() * width);
    const y = Math.floor(r() * height);
    const s = Math.floor((0.02 + r() * 0.2) * width);
    shapes.push(
      r() < 0.6
        ? `<ellipse cx="${x}" cy="${y}" rx="${s}" ry="${Math.floor(s * (0.3 + r()))}" fill="${colour()}" opacity="${(0.4 + r() * 0.5).toFixed(2)}" filter="url(#soft)"/>`
        : `<rect x="${x - s / 2}" y="${y - s / 2}" width="${s}" height="${Math.floor(s * (0.4 + r()))}" fill="${colour()}" opacity="0.8" transform="rotate(${Math.floor(r() * 90)} ${x} ${y})"/>`,
    );
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<defs><linearGradient id="sky" x1="0" y1="0" x2="${r().toFixed(2)}" y2="1"><stop offset="0" stop-color="${colour()}"/>` +
    `<stop offset="0.55" stop-color="${colour()}"/><stop offset="1" stop-color="${colour()}"/></linearGradient>` +
    `<filter id="soft"><feGaussianBlur stdDeviation="${Math.round(width / 400)}"/></filter></defs>` +
    `<rect width="${width}" height="${height}" fill="url(#sky)"/>${shapes.join("")}</svg>`
  );
}

export interface BenchPhoto {
  bytes: Buffer;
  width: number;
  height: number;
}

/** A width × height JPEG (quality 90, 4:2:0, as phones write them) of a seeded scene with gaussian noise blended over it. */
export async function makePhoto(seed = 4242, width = 4000, height = 3000): Promise<BenchPhoto> {
  // The scene is smooth: draw it at a quarter of the size and enlarge it (drawing 12 MP of blurred SVG takes half a minute).
  const small = await sharp(Buffer.from(sceneSvg(seed, Math.ceil(width / 4), Math.ceil(height / 4)))).removeAlpha().png().toBuffer();
  const scene = await sharp(small).resize(width, height, { fit: "fill", kernel: "cubic" }).raw().toBuffer();
  const noise = await sharp({ create: { width, height, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 24 } } }).raw().toBuffer();
  // Grain: move each channel by half the noise around its mean (σ ≈ 12 levels), like a phone sensor in indoor light.
  for (let i = 0; i < scene.length; i++) {
    const v = scene[i]! + ((noise[i]! - 128) * 0.5);
    scene[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  const bytes = await sharp(scene, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
  return { bytes, width, height };
}
