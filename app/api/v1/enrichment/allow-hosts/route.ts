// GET/POST/DELETE /api/v1/enrichment/allow-hosts: the admin allow-list of hosts the website fetcher may reach on internal
// addresses. Needs settings.manage; removing a host this workspace does not list answers 404.
import { addAllowHostRoute, listAllowHostsRoute, removeAllowHostRoute } from "@/lib/api/specs/enrichment";
import { addAllowHost, listAllowHosts, removeAllowHost } from "@/lib/crm/enrichment";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = handle(listAllowHostsRoute, async ({ ctx }) => ({
  items: (await listAllowHosts(ctx)).map((h) => ({ host: h.host, createdAt: h.createdAt.toISOString() })),
}));

export const POST = handle(addAllowHostRoute, async ({ ctx, body }) => {
  const h = await addAllowHost(ctx, body);
  return { host: h.host, createdAt: h.createdAt.toISOString() };
});

export const DELETE = handle(removeAllowHostRoute, async ({ ctx, query }) => removeAllowHost(ctx, query));
