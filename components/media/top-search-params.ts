// URL state of the "Top performers" page (?channel=&aspect=&kind=&library=): one parser map for the page and its pickers.
// Never trust a hand-edited value: unknown aspects and kinds are dropped by the literal parsers, odd channels by the slug check.
import { createLoader, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { MEDIA_KINDS } from "@/lib/media/constants";
import { ASPECTS } from "@/lib/media/performance-math";

export const topSearchParams = {
  channel: parseAsString,
  aspect: parseAsStringLiteral(ASPECTS),
  kind: parseAsStringLiteral(MEDIA_KINDS),
  library: parseAsString,
};
export const loadTopSearchParams = createLoader(topSearchParams);

const CHANNEL = /^[a-z][a-z0-9_]{0,39}$/;
export function validChannel(v: string | null | undefined): string | undefined {
  return v && CHANNEL.test(v) ? v : undefined;
}
