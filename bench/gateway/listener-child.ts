// The dedicated gateway listener alone in its own process, run from source, for bench/gateway/listener-profile.ts.
// Prints `{"port":n}` once listening. The first SIGUSR2 starts V8's sampling profiler and the second writes the profile
// to argv[2] + ".<n>"; SIGTERM closes the listener, flushes the request log and exits. Never point it at a non-throwaway database.
import { Session } from "node:inspector";
import { writeFileSync } from "node:fs";
import { getDb } from "@/db/client";
import { flushAiLog } from "@/lib/gateway";
import { startGatewayListener } from "@/lib/gateway/listener";

const profileFile = process.argv[2];
const session = new Session();
session.connect();
session.post("Profiler.enable", () => session.post("Profiler.setSamplingInterval", { interval: 200 }));
let profiling = false;
let profiles = 0;
process.on("SIGUSR2", () => {
  if (!profiling) {
    profiling = true;
    session.post("Profiler.start");
    return;
  }
  profiling = false;
  session.post("Profiler.stop", (err, res) => {
    const file = `${profileFile}.${++profiles}`;
    if (!err && profileFile) writeFileSync(file, JSON.stringify(res.profile));
    process.stdout.write(`${JSON.stringify({ [`profiled${profiles}`]: err ? null : file })}\n`);
  });
});

async function main(): Promise<void> {
  const listener = await startGatewayListener(getDb(), { port: 0, host: "127.0.0.1" });
  process.on("SIGTERM", () => {
    void listener
      .close()
      .then(() => flushAiLog())
      .finally(() => process.exit(0));
  });
  process.stdout.write(`${JSON.stringify({ port: listener.port })}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
