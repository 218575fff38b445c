// Which aspect ratio each network and placement wants, best first, and the pure choice between the original, a stored
// variant and "needs generating". Publishing relies on it: never answer a crop the platform would letterbox or cut.
import type { MediaKind } from "./constants";
import { aspectMatches, type Aspect } from "./performance-math";

export const NETWORKS = ["instagram", "facebook", "linkedin", "x", "pinterest", "youtube", "tiktok", "threads"] as const;
export type Network = (typeof NETWORKS)[number];

/** How each network is named in messages and on screen. */
export const NETWORK_LABELS: Record<Network, string> = {
  instagram: "Instagram",
  facebook: "Facebook",
  linkedin: "LinkedIn",
  x: "X",
  pinterest: "Pinterest",
  youtube: "YouTube",
  tiktok: "TikTok",
  threads: "Threads",
};

export const PLACEMENTS = ["feed", "story", "reels", "link", "pin", "video", "shorts", "thumbnail"] as const;
export type Placement = (typeof PLACEMENTS)[number];

interface NetworkRule {
  defaultPlacement: Placement;
  placements: Partial<Record<Placement, readonly Aspect[]>>;
}

/** Preferred presets per network and placement, best first (the first is what "needs generating" names). */
export const BEST_VARIANT_TABLE: Record<Network, NetworkRule> = {
  // Portrait 4:5 takes the most feed space; square is the safe second.
  instagram: { defaultPlacement: "feed", placements: { feed: ["4:5", "1:1"], story: ["9:16"], reels: ["9:16"] } },
  facebook: { defaultPlacement: "feed", placements: { feed: ["1.91:1", "1:1", "4:5"], story: ["9:16"], reels: ["9:16"], link: ["1.91:1"] } },
  linkedin: { defaultPlacement: "feed", placements: { feed: ["1.91:1", "1:1"], link: ["1.91:1"] } },
  x: { defaultPlacement: "feed", placements: { feed: ["16:9", "1:1"], link: ["1.91:1"] } },
  pinterest: { defaultPlacement: "pin", placements: { pin: ["2:3"], feed: ["2:3"] } },
  youtube: { defaultPlacement: "video", placements: { video: ["16:9"], thumbnail: ["16:9"], shorts: ["9:16"] } },
  tiktok: { defaultPlacement: "video", placements: { video: ["9:16"], feed: ["9:16"] } },
  threads: { defaultPlacement: "feed", placements: { feed: ["4:5", "1:1"] } },
};

/** The placements a network knows, default first. */
export function placementsOf(network: Network): Placement[] {
  const rule = BEST_VARIANT_TABLE[network];
  const all = Object.keys(rule.placements) as Placement[];
  return [rule.defaultPlacement, ...all.filter((p) => p !== rule.defaultPlacement)];
}

/** Preferred aspects for a network and placement (its default when none is given); null when the network has no such placement. */
export function preferredAspects(network: Network, placement?: Placement | null): readonly Aspect[] | null {
  const rule = BEST_VARIANT_TABLE[network];
  return rule.placements[placement ?? rule.defaultPlacement] ?? null;
}

export interface VariantCandidate {
  preset: string;
  width: number | null;
  height: number | null;
}

export type BestVariantChoice<V extends VariantCandidate> =
  | { source: "original"; preset: Aspect }
  | { source: "variant"; preset: Aspect; variant: V }
  | { source: "needs_generating"; preset: Aspect; canGenerate: boolean };

/**
 * Walks the preferred aspects in order; for each, the original (a raster image or video) wins when it already has that shape (no crop, full
 * quality), else a stored variant of that preset. When none fits, the first preference must be generated (only
 * pictures can be re-cropped; a video or PDF of the wrong shape cannot).
 */
export function chooseBestVariant<V extends VariantCandidate>(
  asset: { kind: MediaKind; width: number | null; height: number | null },
  variants: readonly V[],
  preferred: readonly Aspect[],
): BestVariantChoice<V> {
  const ratio = asset.width && asset.height ? asset.width / asset.height : null;
  // Networks take raster pictures and video; an SVG original is delivered through its rendered variants instead.
  const originalUsable = asset.kind === "image" || asset.kind === "video";
  for (const aspect of preferred) {
    if (originalUsable && aspectMatches(ratio, aspect)) return { source: "original", preset: aspect };
    const variant = variants.find((v) => v.preset === aspect);
    if (variant) return { source: "variant", preset: aspect, variant };
  }
  return { source: "needs_generating", preset: preferred[0]!, canGenerate: asset.kind === "image" || asset.kind === "svg" };
}
