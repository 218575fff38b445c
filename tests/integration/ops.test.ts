// Operations endpoints: /api/health reports database and queue status; /api/metrics exists only with a token and
// answers Prometheus text to the right Bearer token alone.
import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDb } from "@/db/test-db";
import { setEnv } from "@/lib/env";
import { startQueue } from "@/lib/jobs";

const getDb = setupTestDb();
let health: typeof import("@/app/api/health/route");
let metricsRoute: typeof import("@/app/api/metrics/route");

beforeAll(async () => {
  setEnv("DATABASE_URL", getDb().$client.options.connectionString!);
  health = await import("@/app/api/health/route");
  metricsRoute = await import("@/app/api/metrics/route");
});

describe("/api/health", () => {
  it("reports the database up and the queue schema missing before pg-boss has started", async () => {
    const res = await health.GET();
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; database: { ok: boolean }; queue: { ok: boolean } };
    expect(body.database.ok).toBe(true);
    expect(body.queue.ok).toBe(false);
    expect(body.status).toBe("degraded");
  });

  it("reports the queue once pg-boss has installed its schema", async () => {
    const q = await startQueue(getDb().$client.options.connectionString!, { supervise: false, schedule: false });
    try {
      const body = (await (await health.GET()).json()) as { queue: { ok: boolean; waiting: number; failedLastDay: number } };
      expect(body.queue).toMatchObject({ ok: true, waiting: 0, failedLastDay: 0 });
    } finally {
      await q.stop();
    }
  });
});

describe("/api/metrics", () => {
  const get = (auth?: string) => metricsRoute.GET(new Request("http://localhost/api/metrics", auth ? { headers: { authorization: auth } } : {}));

  it("does not exist without METRICS_TOKEN", async () => {
    setEnv("METRICS_TOKEN", undefined);
    expect((await get("Bearer anything-at-all-123")).status).toBe(404);
  });

  it("refuses a wrong token and serves Prometheus text to the right one", async () => {
    setEnv("METRICS_TOKEN", "metrics-token-0123456789");
    expect((await get()).status).toBe(401);
    expect((await get("Bearer wrong-token-0123456789")).status).toBe(401);
    const ok = await get("Bearer metrics-token-0123456789");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/text\/plain/);
    expect(await ok.text()).toMatch(/aicmo_process_cpu_user_seconds_total/);
  });
});
