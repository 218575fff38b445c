// The demo's media library: three libraries of pictures drawn with sharp from seeded scenes, ingested through the media engine
// (real hashes, palettes, blurhash, thumbnails and crops), moved through review, attached to campaigns, with 60 days of
// per-channel metrics. Deterministic content; called once inside the demo seed's transaction, never on its own data twice.
import { Readable } from "node:stream";
import { and, eq, sql } from "drizzle-orm";
import sharp from "sharp";
import type { Tx } from "../db/client";
import { mediaAssets, mediaLibraries, mediaUsages } from "../db/schema";
import type { Ctx } from "../lib/auth/context";
import type { Role } from "../lib/auth/permissions";
import { attachAsset, createLibrary, generateVariants, ingestAsset, transitionAsset, updateAsset, type MediaAction } from "../lib/media";
import { RATIO_PRESETS } from "../lib/media/crop";
import { ingestMetrics } from "../lib/media/performance";

export interface MediaSeedInput {
  workspaceId: string;
  users: Map<Role, { id: string; email: string }>;
  /** The demo's campaigns, oldest first. */
  campaignIds: string[];
  /** The demo's "now": history and metrics end here. */
  now: Date;
}

export interface MediaSeedResult {
  libraries: number;
  assets: number;
  metricRows: number;
}

type Scene = "product" | "landscape" | "pattern" | "logo" | "banner";
type Plan = "draft" | "rejected" | "review" | "approved" | "published" | "archived";
type Channel = "instagram" | "facebook" | "linkedin" | "email";

interface DemoImage {
  key: string;
  library: "brand" | "product" | "campaign";
  name: string;
  scene: Scene;
  width: number;
  height: number;
  format: "jpeg" | "png" | "webp";
  tags: string[];
  category: string;
  /** null: left without alt text (the suggestions flag it). */
  alt: string | null;
  plan: Plan;
  uploader: Role;
  /** Days before "now" it was uploaded. */
  age: number;
  /** CTR relative to the channel's typical CTR (1 = typical); only published or archived pictures have metrics. */
  ctr?: number;
  channels?: Channel[];
  /** Campaigns (indexes into the demo's list) it is attached to. */
  campaigns?: number[];
  /** Expires this many days after the real clock at seeding time (so "expiring soon" is true when the demo is opened). */
  expiresInDays?: number;
}

/** The 40 pictures: names, sizes (4:5 portraits among them), formats, plans and how they perform. */
const IMAGES: DemoImage[] = [
  // Brand library: marks, patterns and banners.
  { key: "logo-primary", library: "brand", name: "Logo mark, primary", scene: "logo", width: 1200, height: 1200, format: "png", tags: ["logo", "brand"], category: "Logo", alt: "Acme logo mark: a coral ring around a navy dot", plan: "published", uploader: "manager", age: 88, ctr: 1, channels: ["linkedin", "email"], campaigns: [0, 5] },
  { key: "logo-mono", library: "brand", name: "Logo mark, monochrome", scene: "logo", width: 1000, height: 1000, format: "png", tags: ["logo", "brand", "mono"], category: "Logo", alt: "Acme logo mark in a single dark tone", plan: "approved", uploader: "manager", age: 86 },
  { key: "logo-reverse", library: "brand", name: "Logo mark, reversed", scene: "logo", width: 800, height: 800, format: "png", tags: ["logo", "brand"], category: "Logo", alt: null, plan: "review", uploader: "marketer", age: 6 },
  { key: "pattern-dots", library: "brand", name: "Brand pattern, dots", scene: "pattern", width: 1920, height: 1080, format: "jpeg", tags: ["pattern", "background"], category: "Background", alt: "Coral and sand dots on a navy ground", plan: "published", uploader: "marketer", age: 80, ctr: 0.8, channels: ["facebook", "linkedin"], campaigns: [2] },
  { key: "pattern-tiles", library: "brand", name: "Brand pattern, tiles", scene: "pattern", width: 1080, height: 1350, format: "jpeg", tags: ["pattern", "background", "portrait"], category: "Background", alt: "Tilted teal tiles on a cream ground", plan: "approved", uploader: "marketer", age: 74, campaigns: [3] },
  { key: "pattern-grid", library: "brand", name: "Brand pattern, grid", scene: "pattern", width: 1080, height: 1080, format: "jpeg", tags: ["pattern"], category: "Background", alt: null, plan: "draft", uploader: "marketer", age: 3 },
  { key: "banner-linkedin", library: "brand", name: "LinkedIn company banner", scene: "banner", width: 1584, height: 396, format: "jpeg", tags: ["banner", "linkedin"], category: "Banner", alt: "Wide banner with a sun over layered colour blocks", plan: "published", uploader: "manager", age: 70, ctr: 1.1, channels: ["linkedin"] },
  { key: "banner-email", library: "brand", name: "Newsletter header", scene: "banner", width: 1200, height: 628, format: "jpeg", tags: ["banner", "email", "newsletter"], category: "Banner", alt: "Newsletter header in plum and gold", plan: "published", uploader: "marketer", age: 66, ctr: 2.6, channels: ["email", "linkedin"], campaigns: [1, 4] },
  { key: "banner-events", library: "brand", name: "Events page banner", scene: "banner", width: 1920, height: 1080, format: "jpeg", tags: ["banner", "events"], category: "Banner", alt: "Olive and orange banner for the events page", plan: "archived", uploader: "marketer", age: 84, ctr: 0.9, channels: ["facebook", "linkedin"], campaigns: [0] },
  { key: "team-offsite", library: "brand", name: "Team offsite, lakeside", scene: "landscape", width: 2400, height: 1600, format: "jpeg", tags: ["team", "culture"], category: "Culture", alt: "Hills folding down to a lake at dusk", plan: "review", uploader: "marketer", age: 5 },
  { key: "office-morning", library: "brand", name: "Office, morning light", scene: "landscape", width: 1600, height: 1200, format: "webp", tags: ["office", "culture"], category: "Culture", alt: null, plan: "rejected", uploader: "marketer", age: 12 },
  { key: "brand-story", library: "brand", name: "Brand story, portrait", scene: "landscape", width: 1080, height: 1350, format: "jpeg", tags: ["story", "portrait"], category: "Culture", alt: "Tall view of a valley under a pale sun", plan: "review", uploader: "manager", age: 4 },

  // Product library: shots of the range.
  { key: "bottle-teal", library: "product", name: "Water bottle, teal", scene: "product", width: 1080, height: 1350, format: "jpeg", tags: ["bottle", "hero", "portrait"], category: "Product shot", alt: "Teal water bottle on a sand-coloured backdrop", plan: "published", uploader: "marketer", age: 62, ctr: 2.4, channels: ["instagram", "facebook", "email"], campaigns: [6, 7] },
  { key: "bottle-coral", library: "product", name: "Water bottle, coral", scene: "product", width: 1080, height: 1350, format: "jpeg", tags: ["bottle", "portrait"], category: "Product shot", alt: "Coral water bottle beside its cap", plan: "published", uploader: "marketer", age: 61, ctr: 1.2, channels: ["instagram", "facebook"], campaigns: [6] },
  { key: "bottle-night", library: "product", name: "Water bottle, night edition", scene: "product", width: 1080, height: 1350, format: "jpeg", tags: ["bottle", "limited", "portrait"], category: "Product shot", alt: "Midnight-blue bottle lit from the side", plan: "published", uploader: "marketer", age: 58, ctr: 0.35, channels: ["instagram", "facebook"], campaigns: [7], expiresInDays: 6 },
  { key: "mug-stack", library: "product", name: "Mugs, stacked", scene: "product", width: 1080, height: 1080, format: "jpeg", tags: ["mug", "kitchen"], category: "Product shot", alt: "Three mugs stacked on a wooden shelf", plan: "published", uploader: "manager", age: 55, ctr: 1, channels: ["instagram", "facebook"], campaigns: [8] },
  { key: "mug-handle", library: "product", name: "Mug, handle detail", scene: "product", width: 1080, height: 1080, format: "jpeg", tags: ["mug", "detail"], category: "Detail", alt: "Close-up of a glazed mug handle", plan: "approved", uploader: "marketer", age: 40 },
  { key: "backpack-front", library: "product", name: "Backpack, front", scene: "product", width: 1600, height: 1200, format: "jpeg", tags: ["backpack", "travel"], category: "Product shot", alt: "Olive backpack standing upright", plan: "published", uploader: "marketer", age: 50, ctr: 0.4, channels: ["facebook", "linkedin", "email"], campaigns: [9] },
  { key: "backpack-side", library: "product", name: "Backpack, side", scene: "product", width: 1080, height: 1350, format: "jpeg", tags: ["backpack", "portrait"], category: "Product shot", alt: null, plan: "review", uploader: "marketer", age: 7 },
  { key: "sneaker-white", library: "product", name: "Sneaker, white", scene: "product", width: 1920, height: 1080, format: "jpeg", tags: ["sneaker", "hero"], category: "Product shot", alt: "White sneaker on a lilac gradient", plan: "published", uploader: "marketer", age: 47, ctr: 1.9, channels: ["instagram", "facebook"], campaigns: [10, 11] },
  { key: "sneaker-pair", library: "product", name: "Sneakers, pair", scene: "product", width: 1080, height: 1350, format: "jpeg", tags: ["sneaker", "portrait"], category: "Product shot", alt: "A pair of sneakers, heels together", plan: "review", uploader: "marketer", age: 6 },
  { key: "lamp-desk", library: "product", name: "Desk lamp", scene: "product", width: 1000, height: 1500, format: "jpeg", tags: ["lamp", "home"], category: "Product shot", alt: "Brass desk lamp against a deep green wall", plan: "approved", uploader: "manager", age: 35, campaigns: [12] },
  { key: "lamp-lit", library: "product", name: "Desk lamp, lit", scene: "product", width: 1080, height: 1920, format: "jpeg", tags: ["lamp", "story"], category: "Product shot", alt: "Desk lamp glowing in a dark room", plan: "review", uploader: "marketer", age: 5 },
  { key: "candle-trio", library: "product", name: "Candles, trio", scene: "product", width: 1080, height: 1080, format: "jpeg", tags: ["candle", "home", "gift"], category: "Product shot", alt: "Three candles of different heights", plan: "published", uploader: "marketer", age: 44, ctr: 1.1, channels: ["instagram", "email"], campaigns: [13] },
  { key: "headphones", library: "product", name: "Headphones, matte", scene: "product", width: 2400, height: 1600, format: "jpeg", tags: ["audio", "hero"], category: "Product shot", alt: "Matte headphones on a peach backdrop", plan: "review", uploader: "marketer", age: 2 },
  { key: "watch-face", library: "product", name: "Watch, face", scene: "product", width: 1080, height: 1350, format: "jpeg", tags: ["watch", "portrait", "detail"], category: "Detail", alt: "Round watch face with a red second hand", plan: "archived", uploader: "marketer", age: 90, ctr: 0.7, channels: ["instagram"], campaigns: [1] },
  { key: "gift-box", library: "product", name: "Gift box", scene: "product", width: 1080, height: 1080, format: "png", tags: ["gift", "holiday"], category: "Packaging", alt: null, plan: "review", uploader: "manager", age: 3 },
  { key: "packaging-flat", library: "product", name: "Packaging, flat lay", scene: "pattern", width: 2400, height: 1600, format: "jpeg", tags: ["packaging"], category: "Packaging", alt: "Flat lay of boxes and tissue in brand colours", plan: "approved", uploader: "marketer", age: 30, expiresInDays: 9 },

  // Campaign library: the season's creative.
  { key: "autumn-hero", library: "campaign", name: "Autumn launch, hero", scene: "landscape", width: 1920, height: 1080, format: "jpeg", tags: ["autumn", "hero", "launch"], category: "Campaign hero", alt: "Rust-coloured hills under a low orange sun", plan: "published", uploader: "marketer", age: 42, ctr: 2.1, channels: ["facebook", "linkedin", "email"], campaigns: [14, 15] },
  { key: "autumn-story", library: "campaign", name: "Autumn launch, story", scene: "landscape", width: 1080, height: 1920, format: "jpeg", tags: ["autumn", "story"], category: "Story", alt: "Tall autumn valley with a winding path", plan: "published", uploader: "marketer", age: 41, ctr: 0.3, channels: ["instagram", "facebook"], campaigns: [14] },
  { key: "autumn-feed", library: "campaign", name: "Autumn launch, feed portrait", scene: "landscape", width: 1080, height: 1350, format: "jpeg", tags: ["autumn", "portrait"], category: "Feed", alt: "Portrait crop of misty autumn ridges", plan: "approved", uploader: "marketer", age: 39, campaigns: [15] },
  { key: "webinar-card", library: "campaign", name: "Webinar card", scene: "banner", width: 1200, height: 628, format: "jpeg", tags: ["webinar", "linkedin"], category: "Event", alt: "Card announcing the growth webinar", plan: "approved", uploader: "manager", age: 20, campaigns: [16] },
  { key: "holiday-teaser", library: "campaign", name: "Holiday teaser", scene: "pattern", width: 1080, height: 1350, format: "jpeg", tags: ["holiday", "teaser", "portrait"], category: "Feed", alt: "Confetti of gold and red shapes", plan: "review", uploader: "marketer", age: 4 },
  { key: "holiday-story", library: "campaign", name: "Holiday story", scene: "banner", width: 1080, height: 1920, format: "jpeg", tags: ["holiday", "story"], category: "Story", alt: null, plan: "review", uploader: "marketer", age: 2 },
  { key: "spring-preview", library: "campaign", name: "Spring preview", scene: "landscape", width: 1600, height: 1200, format: "jpeg", tags: ["spring"], category: "Campaign hero", alt: "Green meadow under a bright sky", plan: "rejected", uploader: "marketer", age: 9 },
  { key: "summer-recap", library: "campaign", name: "Summer recap", scene: "landscape", width: 1920, height: 1080, format: "jpeg", tags: ["summer", "recap"], category: "Campaign hero", alt: "Sea horizon at midday", plan: "archived", uploader: "manager", age: 89, ctr: 1, channels: ["facebook", "email"], campaigns: [2] },
  { key: "summer-portrait", library: "campaign", name: "Summer recap, portrait", scene: "landscape", width: 1080, height: 1350, format: "jpeg", tags: ["summer", "portrait"], category: "Feed", alt: "Portrait of a beach with a tall sun", plan: "archived", uploader: "marketer", age: 87 },
  { key: "referral-card", library: "campaign", name: "Referral programme card", scene: "banner", width: 1080, height: 1080, format: "jpeg", tags: ["referral", "email"], category: "Email", alt: "Two overlapping circles on teal", plan: "published", uploader: "marketer", age: 36, ctr: 1.6, channels: ["email", "facebook"], campaigns: [17] },
  { key: "case-study", library: "campaign", name: "Customer case study cover", scene: "pattern", width: 1200, height: 628, format: "jpeg", tags: ["case-study", "linkedin"], category: "Content", alt: "Stacked bars rising to the right", plan: "draft", uploader: "manager", age: 1 },
  { key: "ugc-repost", library: "campaign", name: "Customer photo repost", scene: "landscape", width: 1080, height: 1350, format: "jpeg", tags: ["ugc", "portrait"], category: "Feed", alt: "A customer's photo of a mountain trail", plan: "review", uploader: "marketer", age: 3 },
];

/** The near duplicates: a slightly trimmed copy and a low-quality re-encode of the teal bottle. */
const NEAR_DUPLICATES: (Omit<DemoImage, "scene" | "width" | "height" | "format"> & { of: string; how: "crop" | "reencode" })[] = [
  { key: "bottle-teal-crop", of: "bottle-teal", how: "crop", library: "product", name: "Water bottle, teal (trimmed)", tags: ["bottle", "portrait"], category: "Product shot", alt: "Teal water bottle on a sand-coloured backdrop", plan: "review", uploader: "marketer", age: 2 },
  { key: "bottle-teal-export", of: "bottle-teal", how: "reencode", library: "product", name: "bottle_teal_final_v2", tags: ["bottle"], category: "Product shot", alt: null, plan: "draft", uploader: "marketer", age: 1 },
];

const LIBRARIES = {
  brand: { name: "Brand", description: "Logos, patterns, banners and culture pictures." },
  product: { name: "Product shots", description: "The product range on plain backdrops, details and packaging." },
  campaign: { name: "Campaigns", description: "Seasonal campaign creative: heroes, stories and feed pictures." },
} as const;

const APPROVAL_NOTES = [
  "Colours match the brand guide. Approved.",
  "Good crop for the feed; approved for paid and organic.",
  "Approved. Please keep the logo clear of the bottom edge in the story crop.",
  "Looks great. Approved for the launch.",
  "Approved; alt text checked.",
];
const REJECTION_NOTES: Record<string, string> = {
  "office-morning": "The whiteboard in the background shows the roadmap. Please retake or blur it.",
  "spring-preview": "Too close to last year's spring hero. Try a warmer palette and a lower horizon.",
};

/** CTR and engagement typical of each channel (clicks / impressions; engagements / impressions). */
const CHANNELS: Record<Channel, { ctr: number; engagement: number; daily: number; conversion: number }> = {
  instagram: { ctr: 0.009, engagement: 0.045, daily: 2200, conversion: 0.03 },
  facebook: { ctr: 0.011, engagement: 0.03, daily: 1800, conversion: 0.035 },
  linkedin: { ctr: 0.006, engagement: 0.02, daily: 900, conversion: 0.05 },
  email: { ctr: 0.028, engagement: 0.04, daily: 1200, conversion: 0.06 },
};

const METRIC_DAYS = 60;
const DAY_MS = 86_400_000;

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedOf(key: string): number {
  let h = 2166136261;
  for (const c of key) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

/**
 * Big soft blocks and discs of random lightness behind a scene: dHash sees only a 9×8 greyscale rendering, so pictures
 * of one kind (a product on a backdrop) need different light and dark masses to stay far apart.
 */
function backdrop(r: () => number, w: number, h: number, c: (dh: number, s: number, l: number) => string): string {
  const out: string[] = [];
  for (let k = 0; k < 4; k++) {
    const x = r() * w;
    const y = r() * h;
    const s = Math.max(w, h) * (0.15 + r() * 0.3);
    const fill = c(r() * 360, 30 + r() * 40, 10 + r() * 80);
    out.push(
      r() < 0.5
        ? `<circle cx="${x}" cy="${y}" r="${s / 2}" fill="${fill}" opacity="0.8"/>`
        : `<rect x="${x - s / 2}" y="${y - s / 3}" width="${s}" height="${(s * 2) / 3}" fill="${fill}" opacity="0.8" transform="rotate(${Math.floor(r() * 40 - 20)} ${x} ${y})"/>`,
    );
  }
  return out.join("");
}

/** Scene SVGs: each picture gets its own base hue (golden-angle steps) and layout, so no two look alike to dHash. */
function sceneSvg(img: DemoImage, index: number): string {
  const r = rng(seedOf(img.key));
  const { width: w, height: h } = img;
  const hue = (index * 137.508 + 20) % 360;
  const c = (dh: number, s: number, l: number) => `hsl(${Math.round((hue + dh + 360) % 360)},${s}%,${l}%)`;
  const light = r() < 0.5;
  const bg = (a: number, b: number) =>
    `<defs><linearGradient id="g" x1="${r().toFixed(2)}" y1="0" x2="${r().toFixed(2)}" y2="1"><stop offset="0" stop-color="${c(0, 45, a)}"/>` +
    `<stop offset="1" stop-color="${c(30, 55, b)}"/></linearGradient></defs><rect width="${w}" height="${h}" fill="url(#g)"/>`;
  const parts: string[] = [];
  switch (img.scene) {
    case "product": {
      parts.push(bg(light ? 88 : 22, light ? 70 : 38));
      parts.push(backdrop(r, w, h, c));
      const floor = h * (0.6 + r() * 0.2);
      parts.push(`<rect y="${floor}" width="${w}" height="${h - floor}" fill="${c(180, 25, light ? 60 : 15)}"/>`);
      const cx = w * (0.25 + r() * 0.5);
      const pw = Math.min(w, h) * (0.18 + r() * 0.2);
      const ph = pw * (1 + r() * 1.6);
      parts.push(`<ellipse cx="${cx}" cy="${floor}" rx="${pw * 0.8}" ry="${pw * 0.15}" fill="black" opacity="0.3"/>`);
      parts.push(`<rect x="${cx - pw / 2}" y="${floor - ph}" width="${pw}" height="${ph}" rx="${pw * (0.1 + r() * 0.3)}" fill="${c(160 + r() * 40, 60, light ? 35 : 65)}"/>`);
      parts.push(`<rect x="${cx - pw / 2 + pw * 0.12}" y="${floor - ph * 0.9}" width="${pw * 0.12}" height="${ph * 0.7}" rx="${pw * 0.06}" fill="white" opacity="0.35"/>`);
      if (r() < 0.6) {
        const sx = cx + (r() < 0.5 ? -1 : 1) * pw * (1 + r());
        const sw = pw * (0.4 + r() * 0.4);
        parts.push(`<circle cx="${sx}" cy="${floor - sw / 2}" r="${sw / 2}" fill="${c(90, 50, 55)}"/>`);
      }
      break;
    }
    case "landscape": {
      parts.push(bg(light ? 80 : 30, light ? 60 : 15));
      parts.push(backdrop(r, w, h, c));
      parts.push(`<circle cx="${w * (0.15 + r() * 0.7)}" cy="${h * (0.1 + r() * 0.35)}" r="${Math.min(w, h) * (0.06 + r() * 0.12)}" fill="${c(200, 80, 70)}"/>`);
      let y = h * (0.35 + r() * 0.2);
      for (let k = 0; k < 4; k++) {
        const pts = [`0,${h}`];
        for (let x = 0; x <= 8; x++) pts.push(`${(w * x) / 8},${y + (r() - 0.5) * h * 0.18}`);
        pts.push(`${w},${h}`);
        parts.push(`<polygon points="${pts.join(" ")}" fill="${c(k * 25 + 120, 40, 55 - k * 12)}"/>`);
        y += h * (0.08 + r() * 0.1);
      }
      break;
    }
    case "pattern": {
      parts.push(bg(light ? 92 : 18, light ? 80 : 28));
      parts.push(backdrop(r, w, h, c));
      const step = Math.min(w, h) * (0.08 + r() * 0.1);
      const rot = Math.floor(r() * 45);
      for (let y = -step; y < h + step; y += step) {
        for (let x = -step; x < w + step; x += step) {
          const v = r();
          if (v < 0.35) continue;
          const s = step * (0.2 + v * 0.4);
          parts.push(
            v < 0.7
              ? `<circle cx="${x}" cy="${y}" r="${s / 2}" fill="${c(v * 120, 60, light ? 45 : 65)}"/>`
              : `<rect x="${x - s / 2}" y="${y - s / 2}" width="${s}" height="${s}" fill="${c(180 + v * 60, 55, 50)}" transform="rotate(${rot} ${x} ${y})"/>`,
          );
        }
      }
      break;
    }
    case "banner": {
      parts.push(bg(light ? 85 : 25, light ? 65 : 40));
      parts.push(backdrop(r, w, h, c));
      const split = w * (0.3 + r() * 0.3);
      // The colour block sits left or right, with the copy lines on it.
      const flip = r() < 0.5 ? ` transform="translate(${w} 0) scale(-1 1)"` : "";
      parts.push(`<g${flip}>`);
      parts.push(`<rect width="${split}" height="${h}" fill="${c(150, 50, light ? 30 : 70)}"/>`);
      parts.push(`<circle cx="${split + (w - split) * (0.3 + r() * 0.4)}" cy="${h * (0.3 + r() * 0.4)}" r="${Math.min(w - split, h) * (0.2 + r() * 0.2)}" fill="${c(60, 70, 60)}"/>`);
      for (let k = 0; k < 3; k++) {
        parts.push(`<rect x="${split * 0.12}" y="${h * (0.25 + k * 0.18)}" width="${split * (0.5 + r() * 0.3)}" height="${h * 0.07}" rx="${h * 0.02}" fill="white" opacity="${(0.5 + k * 0.15).toFixed(2)}"/>`);
      }
      parts.push("</g>");
      break;
    }
    case "logo": {
      // Transparent background: the mark alone, with its own arrangement of bars and dots around the ring.
      const s = Math.min(w, h);
      for (let k = 0; k < 3; k++) {
        const x = r() * w;
        const y = r() * h;
        parts.push(
          r() < 0.5
            ? `<circle cx="${x}" cy="${y}" r="${s * (0.08 + r() * 0.12)}" fill="${c(r() * 360, 50, 20 + r() * 50)}"/>`
            : `<rect x="${x}" y="${y}" width="${s * (0.2 + r() * 0.3)}" height="${s * (0.06 + r() * 0.1)}" fill="${c(r() * 360, 50, 20 + r() * 50)}" transform="rotate(${Math.floor(r() * 90)} ${x} ${y})"/>`,
        );
      }
      const ringX = w * (0.35 + r() * 0.3);
      const ringY = h * (0.35 + r() * 0.3);
      parts.push(`<circle cx="${ringX}" cy="${ringY}" r="${s * (0.22 + r() * 0.12)}" fill="none" stroke="${c(0, 70, 20 + r() * 50)}" stroke-width="${s * (0.06 + r() * 0.08)}"/>`);
      parts.push(`<circle cx="${ringX + (r() - 0.5) * s * 0.2}" cy="${ringY + (r() - 0.5) * s * 0.2}" r="${s * (0.08 + r() * 0.1)}" fill="${c(200, 60, 25)}"/>`);
      parts.push(`<rect x="${w * 0.2}" y="${h * (0.1 + r() * 0.1)}" width="${s * 0.2}" height="${s * 0.08}" fill="${c(100, 50, 45)}" transform="rotate(${Math.floor(r() * 60)} ${w / 2} ${h / 2})"/>`);
      break;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${parts.join("")}</svg>`;
}

async function encode(img: DemoImage, index: number): Promise<Buffer> {
  const drawn = sharp(Buffer.from(sceneSvg(img, index)));
  if (img.format === "png") return drawn.png({ compressionLevel: 6 }).toBuffer();
  if (img.format === "webp") return drawn.webp({ quality: 85 }).toBuffer();
  return drawn.jpeg({ quality: 88 }).toBuffer();
}

/** Every demo picture's file, by key (the near duplicates are derived from these at seeding). */
export async function drawDemoPictures(): Promise<Map<string, Buffer>> {
  const drawn = await Promise.all(IMAGES.map((img, i) => encode(img, i)));
  return new Map(IMAGES.map((img, i) => [img.key, drawn[i]!]));
}

const EXT = { jpeg: "jpg", png: "png", webp: "webp" } as const;

/** The moves from DRAFT to each plan, and who makes them. */
function movesFor(plan: Plan): { action: MediaAction; by: Role }[] {
  const submit = { action: "submit" as const, by: "marketer" as const };
  const approve = { action: "approve" as const, by: "approver" as const };
  switch (plan) {
    case "draft":
      return [];
    case "rejected":
      return [submit, { action: "reject", by: "approver" }];
    case "review":
      return [submit];
    case "approved":
      return [submit, approve];
    case "published":
      return [submit, approve, { action: "publish", by: "marketer" }];
    case "archived":
      return [submit, approve, { action: "publish", by: "marketer" }, { action: "archive", by: "manager" }];
  }
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Daily rows for one picture: a launch ramp, slow decay, weekly rhythm and noise, CTR around the channel's typical value
 * times the picture's factor. Archived pictures stop a month before "now"; nothing starts before the upload.
 */
function metricsFor(img: DemoImage, assetId: string, now: Date) {
  const r = rng(seedOf(`metrics:${img.key}`));
  const rows: { assetId: string; channel: string; day: string; impressions: number; clicks: number; engagements: number; conversions: number }[] = [];
  const firstDay = Math.min(METRIC_DAYS - 1, img.age - 3);
  const lastDay = img.plan === "archived" ? 30 : 0;
  for (const channel of img.channels ?? []) {
    const ch = CHANNELS[channel];
    const scale = 0.5 + r() * 1.2;
    for (let back = firstDay; back >= lastDay; back--) {
      const day = new Date(now.getTime() - back * DAY_MS);
      const since = firstDay - back;
      const ramp = Math.min(1, (since + 1) / 4) * Math.exp(-since / 90);
      const weekday = day.getUTCDay();
      const weekly = channel === "linkedin" || channel === "email" ? (weekday === 0 || weekday === 6 ? 0.35 : 1.1) : weekday === 0 || weekday === 6 ? 1.15 : 0.95;
      const impressions = Math.round(ch.daily * scale * ramp * weekly * (0.75 + r() * 0.5));
      const ctr = ch.ctr * (img.ctr ?? 1) * (0.7 + r() * 0.6);
      const clicks = Math.min(impressions, Math.round(impressions * ctr));
      const engagements = Math.round(impressions * ch.engagement * (0.6 + r() * 0.8)) + clicks;
      const conversions = Math.min(clicks, Math.round(clicks * ch.conversion * (0.5 + r())));
      rows.push({ assetId, channel, day: isoDay(day), impressions, clicks, engagements, conversions });
    }
  }
  return rows;
}

/** Seeds the media library of the demo workspace through the engine, inside the caller's transaction. */
export async function seedDemoMedia(tx: Tx, input: MediaSeedInput): Promise<MediaSeedResult> {
  const { workspaceId, now } = input;
  const ctx = (role: Role): Ctx => {
    const u = input.users.get(role);
    if (!u) throw new Error(`the demo has no ${role}`);
    return { db: tx, workspaceId, userId: u.id, role, actorLabel: u.email };
  };
  const [existing] = await tx.select({ id: mediaLibraries.id }).from(mediaLibraries).where(eq(mediaLibraries.workspaceId, workspaceId)).limit(1);
  if (existing) return { libraries: 0, assets: 0, metricRows: 0 };

  const libraryIds = {} as Record<DemoImage["library"], string>;
  for (const [key, lib] of Object.entries(LIBRARIES) as [DemoImage["library"], (typeof LIBRARIES)[keyof typeof LIBRARIES]][]) {
    libraryIds[key] = (await createLibrary(ctx("manager"), lib)).id;
  }

  // Draw every picture first (sharp's work spreads over its thread pool), then ingest them one by one, oldest first.
  const bytesByKey = await drawDemoPictures();
  const queue: { img: DemoImage; bytes: Buffer; fileName: string }[] = IMAGES.map((img) => ({
    img,
    bytes: bytesByKey.get(img.key)!,
    fileName: `${img.key}.${EXT[img.format]}`,
  }));
  for (const dup of NEAR_DUPLICATES) {
    const source = IMAGES.find((i) => i.key === dup.of)!;
    const original = bytesByKey.get(dup.of)!;
    const bytes =
      dup.how === "crop"
        ? await sharp(original)
            .extract({ left: Math.round(source.width * 0.02), top: Math.round(source.height * 0.02), width: Math.round(source.width * 0.96), height: Math.round(source.height * 0.96) })
            .jpeg({ quality: 86 })
            .toBuffer()
        : await sharp(original).jpeg({ quality: 38 }).toBuffer();
    queue.push({ img: { ...dup, scene: source.scene, width: source.width, height: source.height, format: "jpeg" }, bytes, fileName: `${dup.key}.jpg` });
  }
  queue.sort((a, b) => b.img.age - a.img.age);

  const crops = RATIO_PRESETS.map((p) => p.preset);
  const assetIds = new Map<string, string>();
  const realNow = Date.now();
  let metricRows: ReturnType<typeof metricsFor> = [];
  let noteIndex = 0;
  for (const { img, bytes, fileName } of queue) {
    const uploader = ctx(img.uploader);
    const stream = Readable.from([bytes]);
    const r = await ingestAsset(uploader, { libraryId: libraryIds[img.library], fileName, name: img.name, stream }, { variants: "skip" });
    if (!r.created) throw new Error(`demo picture ${img.key} duplicated ${r.duplicateOf.name}`);
    const id = r.asset.id;
    assetIds.set(img.key, id);
    // The crops now (the variant job may not run before someone opens the demo); WebP/AVIF conversions are left to the job.
    await generateVariants(tx, { workspaceId, assetId: id, presets: crops });
    await updateAsset(uploader, id, { tags: img.tags, category: img.category, ...(img.alt ? { altText: img.alt } : {}) }, { variants: "skip" });
    for (const move of movesFor(img.plan)) {
      if (move.action === "archive") {
        // Used while it ran: attached to its campaigns before it was archived.
        for (const c of img.campaigns ?? []) await attach(ctx("marketer"), id, input.campaignIds, c);
      }
      const note =
        move.action === "approve"
          ? APPROVAL_NOTES[noteIndex++ % APPROVAL_NOTES.length]
          : move.action === "reject"
            ? (REJECTION_NOTES[img.key] ?? "Please revise before resubmitting.")
            : move.action === "archive"
              ? "The campaign has ended; kept for reference."
              : undefined;
      await transitionAsset(ctx(move.by), id, { action: move.action, ...(note ? { note } : {}) });
    }
    if (img.plan !== "archived") for (const c of img.campaigns ?? []) await attach(ctx("marketer"), id, input.campaignIds, c);
    if (img.expiresInDays !== undefined) {
      await updateAsset(ctx("manager"), id, { expiresAt: new Date(realNow + img.expiresInDays * DAY_MS).toISOString() }, { variants: "skip" });
    }
    if (img.channels?.length) metricRows = metricRows.concat(metricsFor(img, id, now));
  }

  if (metricRows.length) await ingestMetrics(ctx("marketer"), { rows: metricRows });
  await backdate(tx, workspaceId, queue.map((q) => ({ id: assetIds.get(q.img.key)!, age: q.img.age })), now);
  return { libraries: Object.keys(libraryIds).length, assets: assetIds.size, metricRows: metricRows.length };
}

async function attach(ctx: Ctx, assetId: string, campaignIds: string[], index: number): Promise<void> {
  const campaignId = campaignIds[index % campaignIds.length];
  if (campaignId) await attachAsset(ctx, { assetId, entityType: "campaign", entityId: campaignId });
}

/**
 * The engine stamps everything with the wall clock; a plausible history spreads it out instead: each picture's upload
 * `age` days before "now", its review steps a few days apart after that, and its usages after its approval.
 */
async function backdate(tx: Tx, workspaceId: string, assets: { id: string; age: number }[], now: Date): Promise<void> {
  for (const a of assets) {
    const created = new Date(now.getTime() - a.age * DAY_MS);
    const stepDays = Math.max(0.05, Math.min(3, a.age / 6));
    await tx
      .update(mediaAssets)
      .set({ createdAt: created, updatedAt: created })
      .where(and(eq(mediaAssets.workspaceId, workspaceId), eq(mediaAssets.id, a.id)));
    // One transaction stamps every row with the same now(), so the steps are ordered by the lifecycle itself.
    await tx.execute(sql`
      update media_approvals m set created_at = ${created.toISOString()}::timestamptz + make_interval(secs => ${stepDays * 86400} * o.n)
      from (
        select id, row_number() over (order by case action when 'upload' then 0 when 'submit' then 1 when 'publish' then 3
          when 'archive' then 4 else 2 end) - 1 as n
        from media_approvals where workspace_id = ${workspaceId} and asset_id = ${a.id}
      ) o
      where m.id = o.id`);
    await tx
      .update(mediaUsages)
      .set({ createdAt: new Date(created.getTime() + stepDays * 2.5 * DAY_MS) })
      .where(and(eq(mediaUsages.workspaceId, workspaceId), eq(mediaUsages.assetId, a.id)));
  }
}
