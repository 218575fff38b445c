// Tenant isolation of the enrichment routes, in the shape of tests/integration/tenant-isolation.test.ts's ROUTES table
// (these rows belong there too): A's owner key aimed at B's contact, run and allow-listed host gets 404 or A-only data,
// and B's rows stay exactly as they were.
import { asc, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { contacts, enrichmentAllowHosts, enrichmentRuns } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import { setEnv } from "@/lib/env";
import { createApiKey } from "@/lib/workspaces";
import { makeWorkspace } from "../helpers/fixtures";

const getDb = setupTestDb();

interface Foreign {
  aKey: string;
  bContactId: string;
  bEnrichmentRunId: string;
}
let f: Foreign;
let bId = "";

type RouteCase =
  | { kind: "foreign"; path: (f: Foreign) => string; params: (f: Foreign) => Record<string, string>; body?: unknown | ((f: Foreign) => unknown) }
  | { kind: "scoped"; path: string; body?: unknown; check: (status: number, json: unknown, f: Foreign) => void };

const ROUTES: Record<string, RouteCase> = {
  "POST /api/v1/contacts/[id]/enrich": { kind: "foreign", path: (f) => `/api/v1/contacts/${f.bContactId}/enrich`, params: (f) => ({ id: f.bContactId }) },
  "GET /api/v1/enrichment/runs": {
    kind: "scoped",
    path: "/api/v1/enrichment/runs?limit=100",
    check: (status, json, f) => {
      expect(status).toBe(200);
      expect((json as { items: { id: string }[] }).items.map((r) => r.id)).not.toContain(f.bEnrichmentRunId);
    },
  },
  "POST /api/v1/enrichment/runs": {
    kind: "foreign",
    path: () => "/api/v1/enrichment/runs",
    params: () => ({}),
    body: (f: Foreign) => ({ scope: "contacts", ids: [f.bContactId] }),
  },
  "GET /api/v1/enrichment/runs/[id]": { kind: "foreign", path: (f) => `/api/v1/enrichment/runs/${f.bEnrichmentRunId}`, params: (f) => ({ id: f.bEnrichmentRunId }) },
  "POST /api/v1/enrichment/runs/[id]/cancel": {
    kind: "foreign",
    path: (f) => `/api/v1/enrichment/runs/${f.bEnrichmentRunId}/cancel`,
    params: (f) => ({ id: f.bEnrichmentRunId }),
  },
  "GET /api/v1/enrichment/allow-hosts": {
    kind: "scoped",
    path: "/api/v1/enrichment/allow-hosts",
    check: (status, json) => {
      expect(status).toBe(200);
      expect(JSON.stringify(json)).not.toContain("b-intranet.example");
    },
  },
  "POST /api/v1/enrichment/allow-hosts": {
    kind: "scoped",
    path: "/api/v1/enrichment/allow-hosts",
    body: { host: "a-only.example" },
    check: (status, json) => {
      expect(status).toBe(201);
      expect((json as { host: string }).host).toBe("a-only.example");
    },
  },
  "DELETE /api/v1/enrichment/allow-hosts": { kind: "foreign", path: () => "/api/v1/enrichment/allow-hosts?host=b-intranet.example", params: () => ({}) },
};

const FILES: Record<string, string> = {
  "/api/v1/contacts/[id]/enrich": "@/app/api/v1/contacts/[id]/enrich/route",
  "/api/v1/enrichment/runs": "@/app/api/v1/enrichment/runs/route",
  "/api/v1/enrichment/runs/[id]": "@/app/api/v1/enrichment/runs/[id]/route",
  "/api/v1/enrichment/runs/[id]/cancel": "@/app/api/v1/enrichment/runs/[id]/cancel/route",
  "/api/v1/enrichment/allow-hosts": "@/app/api/v1/enrichment/allow-hosts/route",
};

async function snapshotB(db: Db) {
  return {
    contacts: await db.select().from(contacts).where(eq(contacts.workspaceId, bId)).orderBy(asc(contacts.id)),
    runs: await db.select().from(enrichmentRuns).where(eq(enrichmentRuns.workspaceId, bId)).orderBy(asc(enrichmentRuns.id)),
    hosts: await db.select().from(enrichmentAllowHosts).where(eq(enrichmentAllowHosts.workspaceId, bId)).orderBy(asc(enrichmentAllowHosts.host)),
  };
}

beforeAll(async () => {
  const db = getDb();
  setEnv("DATABASE_URL", db.$client.options.connectionString!);
  const a = await makeWorkspace(db, "Workspace A");
  const b = await makeWorkspace(db, "Workspace B");
  bId = b.id;
  const aKey = (await createApiKey(a.ctx("owner"), { name: "A's key", role: "owner" })).key;
  const [bContact] = await db.insert(contacts).values({ workspaceId: b.id, email: "secret@b.example", title: "CEO" }).returning();
  const [bRun] = await db.insert(enrichmentRuns).values({ workspaceId: b.id, scope: "contacts", targetId: bContact!.id, total: 1, createdByUserId: b.users.owner.id }).returning();
  await db.insert(enrichmentAllowHosts).values({ workspaceId: b.id, host: "b-intranet.example" });
  f = { aKey, bContactId: bContact!.id, bEnrichmentRunId: bRun!.id };
});

it("answers A's owner key with not-found or A-only data for B's ids, and leaves B untouched", async () => {
  const before = await snapshotB(getDb());
  let checked = 0;
  for (const [key, c] of Object.entries(ROUTES)) {
    const [method, route] = key.split(" ") as [string, string];
    const mod = (await import(FILES[route]!)) as Record<string, (r: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>>;
    const rawBody = typeof c.body === "function" ? (c.body as (f: Foreign) => unknown)(f) : c.body;
    const body = rawBody === undefined ? undefined : JSON.stringify(rawBody);
    const req = new Request(`http://localhost${c.kind === "foreign" ? c.path(f) : c.path}`, {
      method,
      headers: { authorization: `Bearer ${f.aKey}`, ...(body ? { "content-type": "application/json" } : {}) },
      body,
    });
    const res = await mod[method]!(req, { params: Promise.resolve(c.kind === "foreign" ? c.params(f) : {}) });
    const json: unknown = await res.json();
    if (c.kind === "foreign") {
      expect(res.status, key).toBe(404);
      expect((json as { error: { code: string } }).error.code, key).toMatch(/NOT_FOUND$/);
    } else {
      c.check(res.status, json, f);
    }
    checked++;
  }
  expect(checked).toBe(8);
  expect(await snapshotB(getDb())).toEqual(before);
});
