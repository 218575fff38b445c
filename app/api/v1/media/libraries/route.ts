// GET/POST /api/v1/media/libraries: list libraries with counts, and create one.
// Thin: the engine authorises and scopes to the caller's workspace; never query the database here.
import { createLibraryRoute, listLibrariesRoute } from "@/lib/api/specs/media";
import { handle } from "@/lib/http/route";
import { createLibrary, libraryToJson, listLibraries } from "@/lib/media";

export const dynamic = "force-dynamic";

export const GET = handle(listLibrariesRoute, async ({ ctx }) => ({ items: (await listLibraries(ctx)).map(libraryToJson) }));

export const POST = handle(createLibraryRoute, async ({ ctx, body }) => libraryToJson(await createLibrary(ctx, body)));
