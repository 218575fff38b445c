// The media grid's URL state (search, filters, sort) as one nuqs parser map shared by the page and the filter bar, and
// its translation to listAssets input. Never pass hand-edited junk to the engine: malformed values are dropped here.
import { createLoader, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { MEDIA_KINDS, MEDIA_STATUSES } from "@/lib/media/constants";
import { ASPECTS } from "@/lib/media/performance-math";
import { ASSET_SORTS, ORIENTATIONS } from "@/lib/media/schemas";

/** Aspect buckets the grid offers: the engine's platform ratios, which its `aspect` filter matches within 2 %. */
export const ASPECT_OPTIONS: readonly string[] = ASPECTS;

export const mediaSearchParams = {
  q: parseAsString.withDefault(""),
  kind: parseAsStringLiteral(MEDIA_KINDS),
  status: parseAsStringLiteral(MEDIA_STATUSES),
  tags: parseAsString.withDefault(""),
  category: parseAsString.withDefault(""),
  library: parseAsString,
  orientation: parseAsStringLiteral(ORIENTATIONS),
  aspect: parseAsString,
  from: parseAsString,
  to: parseAsString,
  uploader: parseAsString,
  sort: parseAsStringLiteral(ASSET_SORTS).withDefault("newest"),
};

export const loadMediaSearchParams = createLoader(mediaSearchParams);

export type MediaFiltersValue = Awaited<ReturnType<typeof loadMediaSearchParams>>;

export const MEDIA_PAGE_SIZE = 60;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The URL filters as listAssets input (without cursor and limit). */
export function toListAssetsInput(f: MediaFiltersValue): Record<string, unknown> {
  const tags = f.tags
    .split(",")
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t && t.length <= 40)
    .slice(0, 20);
  return {
    q: f.q.trim().slice(0, 200) || undefined,
    kind: f.kind ?? undefined,
    status: f.status ? [f.status] : undefined,
    tags: tags.length ? tags : undefined,
    category: f.category.trim().slice(0, 60) || undefined,
    libraryId: f.library && UUID.test(f.library) ? f.library : undefined,
    orientation: f.orientation ?? undefined,
    aspect: f.aspect && ASPECT_OPTIONS.includes(f.aspect) ? f.aspect : undefined,
    createdFrom: f.from && DAY.test(f.from) ? f.from : undefined,
    createdTo: f.to && DAY.test(f.to) ? f.to : undefined,
    uploadedBy: f.uploader ? f.uploader.slice(0, 100) : undefined,
    sort: f.sort,
  };
}

export function hasMediaFilters(f: MediaFiltersValue): boolean {
  return Boolean(f.q.trim() || f.kind || f.status || f.tags.trim() || f.category.trim() || f.orientation || f.aspect || f.from || f.to || f.uploader);
}
