// GET /api/health: database and queue status for load balancers and humans. 200 when usable, 503 when the database is down.
import { healthReport } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const report = await healthReport();
  return Response.json(report, { status: report.status === "down" ? 503 : 200, headers: { "cache-control": "no-store" } });
}
