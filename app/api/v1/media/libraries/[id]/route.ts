// GET/PATCH/DELETE /api/v1/media/libraries/{id}: one library. Another workspace's library is 404.
// Thin: the engine authorises and scopes to the caller's workspace; never query the database here.
import { deleteLibraryRoute, getLibraryRoute, updateLibraryRoute } from "@/lib/api/specs/media";
import { handle } from "@/lib/http/route";
import { deleteLibrary, getLibrary, libraryToJson, updateLibrary } from "@/lib/media";

export const dynamic = "force-dynamic";

export const GET = handle(getLibraryRoute, async ({ ctx, params }) => libraryToJson(await getLibrary(ctx, params.id)));

export const PATCH = handle(updateLibraryRoute, async ({ ctx, params, body }) => libraryToJson(await updateLibrary(ctx, params.id, body)));

export const DELETE = handle(deleteLibraryRoute, async ({ ctx, params }) => deleteLibrary(ctx, params.id));
