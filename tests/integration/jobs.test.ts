// The Postgres job queue: a valid job runs its handler once; an invalid payload is refused at enqueue and,
// when smuggled in, fails at once without retry.
import { afterAll, beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { eq } from "drizzle-orm";
import { setupTestDb } from "@/db/test-db";
import { sessions, users } from "@/db/schema";
import { defineJob, enqueue, startQueue, startWorkers, authCleanupJob, type Queue } from "@/lib/jobs";
import { ValidationError } from "@/lib/errors";

const getDb = setupTestDb();
let queue: Queue;
const seen: number[] = [];

const echoJob = defineJob({
  name: "test.echo",
  schema: z.object({ n: z.number().int() }).strict(),
  retryLimit: 3,
  retryDelaySeconds: 1,
  handler: async (p) => {
    seen.push(p.n);
  },
});

beforeAll(async () => {
  queue = await startQueue(getDb().$client.options.connectionString!, { supervise: false, schedule: false });
  await startWorkers(queue, [echoJob, authCleanupJob] as never);
});

afterAll(async () => {
  await queue?.stop();
});

async function waitForState(name: string, id: string, states: string[], ms = 15_000) {
  const until = Date.now() + ms;
  for (;;) {
    const job = await queue.boss.getJobById(name, id);
    if (job && states.includes(job.state)) return job;
    if (Date.now() > until) throw new Error(`job ${id} still ${job?.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it("runs a valid job's handler with the parsed payload", async () => {
  const id = await enqueue(queue.boss, echoJob, { n: 7 });
  await waitForState(echoJob.name, id, ["completed"]);
  expect(seen).toContain(7);
});

it("refuses an invalid payload at enqueue time, enqueuing nothing", async () => {
  await expect(enqueue(queue.boss, echoJob, { n: "seven" } as never)).rejects.toBeInstanceOf(ValidationError);
});

it("fails an invalid payload that bypassed enqueue without retrying it", async () => {
  const id = (await queue.boss.send(echoJob.name, { n: "not a number" }))!;
  const job = await waitForState(echoJob.name, id, ["failed", "retry"]);
  expect(job.state).toBe("failed");
  expect(job.retryCount).toBe(0);
  expect(JSON.stringify(job.output)).toContain("Invalid payload for test.echo");
});

it("clears expired sessions through the maintenance job", async () => {
  const userId = crypto.randomUUID();
  await getDb().insert(users).values({ id: userId, name: "Old", email: `old-${userId}@example.test` });
  await getDb().insert(sessions).values([
    { id: crypto.randomUUID(), token: `t-${userId}-1`, userId, expiresAt: new Date(Date.now() - 1000) },
    { id: crypto.randomUUID(), token: `t-${userId}-2`, userId, expiresAt: new Date(Date.now() + 3600_000) },
  ]);
  const id = await enqueue(queue.boss, authCleanupJob, {});
  await waitForState(authCleanupJob.name, id, ["completed"]);
  const left = await getDb().select().from(sessions).where(eq(sessions.userId, userId));
  expect(left.map((s) => s.token)).toEqual([`t-${userId}-2`]);
});
