// GET /api/metrics: Prometheus text format, only for a Bearer METRICS_TOKEN. Without a configured token it does not exist.
import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { metrics } from "@/lib/metrics";

export const dynamic = "force-dynamic";

function tokenMatches(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function GET(request: Request): Promise<Response> {
  const expected = env().METRICS_TOKEN;
  if (!expected) return new Response("Not found", { status: 404 });
  const sent = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  if (!tokenMatches(sent, expected)) {
    return Response.json({ error: { code: "UNAUTHENTICATED", message: "A valid metrics token is required." } }, { status: 401 });
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
}
