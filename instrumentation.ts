// Next.js start-up hook: on the Node.js server, start the queue workers in-process (unless RUN_WORKERS=false), and the
// AI gateway's dedicated listener when AI_GATEWAY_PORT is set.
// Never import database code at the top level here: the edge runtime loads this file too.
import { env } from "@/lib/env";

export async function register(): Promise<void> {
  if (env().NEXT_RUNTIME !== "nodejs") return;
  if (!env().DATABASE_URL) return; // `next build` and tooling: nothing to run against
  const { startInProcessWorkers } = await import("@/lib/jobs/runtime");
  const { logger } = await import("@/lib/log");
  try {
    await startInProcessWorkers();
  } catch (err) {
    // The web app still serves; /api/health reports the queue as down.
    logger().error({ err }, "could not start in-process workers");
  }
  const gatewayPort = env().AI_GATEWAY_PORT;
  if (gatewayPort) {
    const [{ startGatewayListener }, { getDb }] = await Promise.all([import("@/lib/gateway/listener"), import("@/db/client")]);
    try {
      await startGatewayListener(getDb(), { port: gatewayPort });
      logger().info({ port: gatewayPort }, "AI gateway listener: POST /v1/chat/completions");
    } catch (err) {
      logger().error({ err, port: gatewayPort }, "could not start the AI gateway listener");
    }
  }
}
