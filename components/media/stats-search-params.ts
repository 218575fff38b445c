// URL state of the media statistics page (?library=<id>), one parser map for the page loader and the picker.
// Never pass a hand-edited id to the engine unchecked: validLibraryId drops anything that is not a UUID.
import { createLoader, parseAsString } from "nuqs/server";

export const statsSearchParams = { library: parseAsString };
export const loadStatsSearchParams = createLoader(statsSearchParams);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function validLibraryId(v: string | null | undefined): string | undefined {
  return v && UUID.test(v) ? v : undefined;
}
