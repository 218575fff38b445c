// The REST layer end to end, minus the network: API-key auth, role checks, validation, error mapping, OpenAPI coverage.
// Route handlers are called as Next calls them, with a Request and params, against this file's own database.
import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDb } from "@/db/test-db";
import { setEnv } from "@/lib/env";
import { createCampaign } from "@/lib/campaigns";
import { createApiKey, revokeApiKey } from "@/lib/workspaces";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { API_ROUTES } from "@/lib/api/routes";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";

const getDb = setupTestDb();
let ws: TestWorkspace;
let ownerKey = "";
let viewerKey = "";
let routes: typeof import("@/app/api/v1/campaigns/route");
let itemRoutes: typeof import("@/app/api/v1/campaigns/[id]/route");

beforeAll(async () => {
  setEnv("DATABASE_URL", getDb().$client.options.connectionString!);
  ws = await makeWorkspace(getDb(), "Acme");
  ownerKey = (await createApiKey(ws.ctx("owner"), { name: "CI", role: "owner" })).key;
  viewerKey = (await createApiKey(ws.ctx("owner"), { name: "Dashboards", role: "viewer" })).key;
  routes = await import("@/app/api/v1/campaigns/route");
  itemRoutes = await import("@/app/api/v1/campaigns/[id]/route");
});

const base = "http://localhost/api/v1/campaigns";
function req(key: string | null, init: RequestInit & { url?: string } = {}): Request {
  const headers = new Headers(init.headers);
  if (key) headers.set("authorization", `Bearer ${key}`);
  if (init.body) headers.set("content-type", "application/json");
  return new Request(init.url ?? base, { ...init, headers });
}
const noParams = { params: Promise.resolve({}) };
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

describe("REST authentication and errors", () => {
  it("creates with an owner key (201) and lists it back", async () => {
    const res = await routes.POST(req(ownerKey, { method: "POST", body: JSON.stringify({ name: "API launch", budgetMinor: 5000 }) }), noParams);
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; name: string };
    expect(created.name).toBe("API launch");
    const list = await routes.GET(req(viewerKey), noParams);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: { id: string }[] }).items.map((c) => c.id)).toContain(created.id);
  });

  it("refuses a viewer key's write with 403 and writes nothing", async () => {
    const res = await routes.POST(req(viewerKey, { method: "POST", body: JSON.stringify({ name: "Sneaky" }) }), noParams);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
    const list = (await (await routes.GET(req(ownerKey, { url: `${base}?q=Sneaky` }), noParams)).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(0);
  });

  it("answers 401 for a missing, unknown or revoked key", async () => {
    expect((await routes.GET(req(null), noParams)).status).toBe(401);
    const unknown = await routes.GET(req("aicmo_not-a-real-key"), noParams);
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("INVALID_API_KEY");
    const { key, apiKey } = await createApiKey(ws.ctx("admin"), { name: "Temp", role: "marketer" });
    expect((await routes.GET(req(key), noParams)).status).toBe(200);
    await revokeApiKey(ws.ctx("admin"), apiKey.id);
    expect((await routes.GET(req(key), noParams)).status).toBe(401);
  });

  it("answers 400 for malformed JSON and 422 with field errors for invalid input", async () => {
    const bad = await routes.POST(req(ownerKey, { method: "POST", body: "{name: oops" }), noParams);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("MALFORMED_JSON");
    const invalid = await routes.POST(req(ownerKey, { method: "POST", body: JSON.stringify({ name: "x", budgetMinor: -1 }) }), noParams);
    expect(invalid.status).toBe(422);
    const body = (await invalid.json()) as { error: { fieldErrors: Record<string, string[]> } };
    expect(Object.keys(body.error.fieldErrors).sort()).toEqual(["budgetMinor", "name"]);
    const badQuery = await routes.GET(req(ownerKey, { url: `${base}?limit=9999` }), noParams);
    expect(badQuery.status).toBe(422);
  });

  it("caps a key at its creator's current role", async () => {
    const admin = ws.users.admin;
    const { key } = await createApiKey(ws.ctx("admin"), { name: "Admin's", role: "manager" });
    expect((await routes.POST(req(key, { method: "POST", body: JSON.stringify({ name: "Allowed" }) }), noParams)).status).toBe(201);
    const { members } = await import("@/db/schema");
    const { and, eq } = await import("drizzle-orm");
    const { changeMemberRole, removeMember } = await import("@/lib/workspaces");
    const [m] = await getDb().select().from(members).where(and(eq(members.userId, admin.id), eq(members.organizationId, ws.id)));
    // Resolved keys are cached briefly; a role change through the engine must still take effect on the next request.
    await changeMemberRole(ws.ctx("owner"), { memberId: m!.id, role: "viewer" });
    expect((await routes.POST(req(key, { method: "POST", body: JSON.stringify({ name: "Now refused" }) }), noParams)).status).toBe(403);
    expect((await routes.GET(req(key), noParams)).status).toBe(200);
    await removeMember(ws.ctx("owner"), m!.id);
    expect((await routes.GET(req(key), noParams)).status).toBe(401);
  });

  it("records when a key was last used", async () => {
    const { apiKeys } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const { key, apiKey } = await createApiKey(ws.ctx("owner"), { name: "Usage", role: "viewer" });
    expect((await routes.GET(req(key), noParams)).status).toBe(200);
    await expect
      .poll(async () => (await getDb().select().from(apiKeys).where(eq(apiKeys.id, apiKey.id)))[0]?.lastUsedAt ?? null)
      .not.toBeNull();
  });

  it("patches and deletes through the item route, and 404s ids that are not campaigns here", async () => {
    const c = await createCampaign(ws.ctx("owner"), { name: "Patch me" });
    const patched = await itemRoutes.PATCH(
      req(ownerKey, { method: "PATCH", url: `${base}/${c.id}`, body: JSON.stringify({ status: "active" }) }),
      idParams(c.id),
    );
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { status: string }).status).toBe("active");
    expect((await itemRoutes.GET(req(ownerKey), idParams("not-a-uuid"))).status).toBe(422);
    expect((await itemRoutes.GET(req(ownerKey), idParams(crypto.randomUUID()))).status).toBe(404);
    expect((await itemRoutes.DELETE(req(ownerKey, { method: "DELETE" }), idParams(c.id))).status).toBe(200);
    expect((await itemRoutes.GET(req(ownerKey), idParams(c.id))).status).toBe(404);
  });
});

describe("OpenAPI document", () => {
  it("describes every route spec with its request and response schemas", () => {
    const doc = buildOpenApiDocument("http://localhost:3000");
    expect(doc.openapi).toBe("3.1.0");
    for (const spec of API_ROUTES) {
      const op = doc.paths[spec.path]?.[spec.method.toLowerCase()] as Record<string, unknown> | undefined;
      expect(op, `${spec.method} ${spec.path}`).toBeDefined();
      expect(op?.operationId).toBe(spec.id);
      if (spec.body) expect(op?.requestBody).toBeDefined();
    }
    const create = doc.paths["/api/v1/campaigns"]?.post as { requestBody: { content: Record<string, { schema: { required: string[] } }> } };
    expect(create.requestBody.content["application/json"]?.schema.required).toContain("name");
  });
});
