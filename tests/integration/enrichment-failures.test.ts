// Failure accounting of enrichment runs against a real database: a provider that fails for a run's contacts (no DNS, rate
// limits, a recent failure not retried) is part of the run's recorded result with a sample reason, never a silent success.
import { eq } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { companies, contacts, type Contact } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import {
  enrichContacts,
  EnrichmentRateLimitedError,
  getEnrichmentRun,
  listEnrichmentRuns,
  processEnrichmentBatch,
  runToJson,
  type EnrichmentBatchPayload,
  type Resolver,
  type WaterfallOptions,
} from "@/lib/crm/enrichment";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";

const getDb = setupTestDb();
let ws: TestWorkspace;
let other: TestWorkspace;

/** A queue stand-in that keeps the batches so the test runs them itself, with its own fetch settings. */
function recordingBoss() {
  const sent: EnrichmentBatchPayload[] = [];
  const boss = {
    createQueue: async () => {},
    send: async (_name: string, data: EnrichmentBatchPayload) => {
      sent.push(data);
      return crypto.randomUUID();
    },
    insert: async (jobs: { data: EnrichmentBatchPayload }[]) => {
      sent.push(...jobs.map((j) => j.data));
    },
  } as unknown as PgBoss;
  return { boss, sent };
}

/** No network: every name fails to resolve, as getaddrinfo reports it offline. */
const offline: Resolver = async (host) => {
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
};

async function insertContact(db: Db, values: Partial<typeof contacts.$inferInsert>): Promise<Contact> {
  const [c] = await db.insert(contacts).values({ workspaceId: ws.id, ...values }).returning();
  return c!;
}

/** Starts a run over `ids` and works its batches in this process with `waterfall` options. */
async function runBatches(ids: string[], waterfall: WaterfallOptions) {
  const { boss, sent } = recordingBoss();
  const started = await enrichContacts(ws.ctx("marketer"), ids, { boss });
  for (const payload of sent) await processEnrichmentBatch(getDb(), payload, { waterfall: { limiter: null, ...waterfall } });
  return getEnrichmentRun(ws.ctx("viewer"), started.id);
}

beforeAll(async () => {
  ws = await makeWorkspace(getDb(), "Failures Enrich");
  other = await makeWorkspace(getDb(), "Failures Other");
});

describe("provider failures in a run", () => {
  const ids: string[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 5; i++) ids.push((await insertContact(getDb(), { email: `mal.reynolds${i}@bluesun${i}.com.au` })).id);
  });

  it("records the website failing for every contact, with a reason, in the stored run", async () => {
    const run = await runBatches(ids, { fetch: { resolver: offline } });
    expect(run).toMatchObject({ status: "completed", total: 5, done: 5, failed: 0 });
    const json = runToJson(run);
    const website = json.providerIssues.filter((p) => p.provider === "website");
    expect(website).toHaveLength(1);
    expect(website[0]).toMatchObject({ kind: "failed", count: 5 });
    expect(website[0]!.sampleReason).toMatch(/^could not resolve bluesun\d\.com\.au: ENOTFOUND$/);
    expect(json.failureSample).toBeNull();

    // The list (the progress view after a reload) reports the same, and only to this workspace.
    const listed = (await listEnrichmentRuns(ws.ctx("viewer"))).items.find((r) => r.id === run.id);
    expect(runToJson(listed!).providerIssues).toEqual(json.providerIssues);
    expect((await listEnrichmentRuns(other.ctx("owner"))).items.map((r) => r.id)).not.toContain(run.id);
  });

  it("reports a website not retried after a recent failure, instead of a silent success", async () => {
    const run = await runBatches(ids, { fetch: { resolver: offline } });
    expect(run).toMatchObject({ status: "completed", done: 5, fieldsFilled: 0 });
    const website = runToJson(run).providerIssues.filter((p) => p.provider === "website");
    expect(website).toEqual([expect.objectContaining({ kind: "recently_failed", count: 5 })]);
    expect(website[0]!.sampleReason).toMatch(/that attempt failed$/);
  });

  it("counts each kind once per contact when the same batch is delivered twice", async () => {
    const c = await insertContact(getDb(), { email: "river@reaver-rim.com.au" });
    const { boss, sent } = recordingBoss();
    const started = await enrichContacts(ws.ctx("marketer"), [c.id], { boss });
    const opts = { waterfall: { limiter: null, fetch: { resolver: offline } } };
    await processEnrichmentBatch(getDb(), sent[0]!, opts);
    await processEnrichmentBatch(getDb(), sent[0]!, opts);
    const run = await getEnrichmentRun(ws.ctx("viewer"), started.id);
    expect(runToJson(run).providerIssues).toEqual([expect.objectContaining({ provider: "website", kind: "failed", count: 1 })]);
  });

  it("records a rate-limited website as rate_limited", async () => {
    const c = await insertContact(getDb(), { email: "kaylee@serenity-yards.com.au" });
    const run = await runBatches([c.id], {
      limiter: {
        acquire: async () => {
          throw new EnrichmentRateLimitedError(30_000);
        },
      },
    });
    expect(runToJson(run).providerIssues).toEqual([
      { provider: "website", kind: "rate_limited", count: 1, sampleReason: "rate limited: website fetches for this workspace resume in 30 s" },
    ]);
  });
});

describe("runs without provider problems", () => {
  it("report none, and name the reason a contact could not be enriched at all", async () => {
    const db = getDb();
    const free = await insertContact(db, { email: "wash@gmail.com" });
    const gone = await insertContact(db, { email: "book@alliance.com.au" });
    const { boss, sent } = recordingBoss();
    const started = await enrichContacts(ws.ctx("marketer"), [free.id, gone.id], { boss });
    await db.update(contacts).set({ deletedAt: new Date() }).where(eq(contacts.id, gone.id));
    await processEnrichmentBatch(db, sent[0]!, { waterfall: { limiter: null, fetch: { resolver: offline } } });
    const run = await getEnrichmentRun(ws.ctx("viewer"), started.id);
    expect(run).toMatchObject({ status: "completed", done: 1, failed: 1 });
    const json = runToJson(run);
    // Free mail has no company website: the website is skipped for a reason that is not a failure.
    expect(json.providerIssues).toEqual([]);
    expect(json.failureSample).toBe("contact not found");
    expect(await db.select().from(companies).where(eq(companies.domain, "gmail.com"))).toHaveLength(0);
  });
});
