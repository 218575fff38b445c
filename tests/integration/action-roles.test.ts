// A viewer's writes are refused by the server, whatever the UI shows: every server action that changes data answers
// FORBIDDEN for a viewer and changes nothing. Actions are discovered from the file system; an unlisted one fails the test.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  aiBudgets,
  aiChains,
  aiPrices,
  aiProviders,
  aiRequests,
  apiKeys,
  auditLog,
  campaigns,
  companies,
  contactEvents,
  contactNotes,
  contacts,
  invitations,
  members,
  segmentMembers,
  segments,
  workspaces,
} from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import type { Ctx } from "@/lib/auth/context";
import { createCampaign } from "@/lib/campaigns";
import { setEnv } from "@/lib/env";
import { createCompany, createContact } from "@/lib/crm";
import { createSegment } from "@/lib/crm/segments";
import { createProvider } from "@/lib/gateway";
import { createApiKey, createInvitation } from "@/lib/workspaces";
import { createLibrary, ingestAsset } from "@/lib/media";
import { chunked, useTempDataDir } from "../fixtures/media/helpers";
import { photoJpeg } from "../fixtures/media/make";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";

const session = vi.hoisted(() => ({ ctx: null as Ctx | null, user: null as { id: string; email: string; name: string } | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentSession: async () => (session.user ? { user: session.user, activeWorkspaceId: session.ctx?.workspaceId ?? null } : null),
  resolveSessionCtx: async () => session.ctx,
  requireActionCtx: async () => session.ctx!,
  requirePageCtx: async () => ({ ...session.ctx, user: session.user }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

const getDb = setupTestDb();
const root = path.resolve(import.meta.dirname, "../..");
let ws: TestWorkspace;
const ids = { campaign: "", member: "", invitation: "", apiKey: "", provider: "", contact: "", company: "", segment: "" };

type Kind =
  | { kind: "write"; args: () => unknown }
  | { kind: "read"; args: () => unknown }
  | { kind: "self"; why: string };

const ACTIONS: Record<string, Kind> = {
  switchWorkspaceAction: { kind: "self", why: "changes only the caller's own session" },
  createWorkspaceAction: { kind: "self", why: "creates a new workspace the caller owns" },
  acceptInvitationAction: { kind: "self", why: "joins with the role the invitation grants" },
  listCampaignsAction: { kind: "read", args: () => ({}) },
  createCampaignAction: { kind: "write", args: () => ({ name: "Viewer's campaign" }) },
  updateCampaignAction: { kind: "write", args: () => ({ id: ids.campaign, name: "Renamed by viewer" }) },
  deleteCampaignAction: { kind: "write", args: () => ({ id: ids.campaign }) },
  updateWorkspaceAction: { kind: "write", args: () => ({ name: "Viewer rename", timezone: "UTC" }) },
  changeMemberRoleAction: { kind: "write", args: () => ({ memberId: ids.member, role: "owner" }) },
  removeMemberAction: { kind: "write", args: () => ({ memberId: ids.member }) },
  createInvitationAction: { kind: "write", args: () => ({ email: "friend@example.test", role: "owner" }) },
  revokeInvitationAction: { kind: "write", args: () => ({ invitationId: ids.invitation }) },
  createApiKeyAction: { kind: "write", args: () => ({ name: "Viewer key", role: "viewer" }) },
  revokeApiKeyAction: { kind: "write", args: () => ({ apiKeyId: ids.apiKey }) },
  listAiRequestsAction: { kind: "read", args: () => ({}) },
  runAiTaskAction: { kind: "write", args: () => ({ task: "copywriting", messages: [{ role: "user", content: "hi" }] }) },
  createAiProviderAction: { kind: "write", args: () => ({ name: "Viewer's", kind: "offline", model: "offline-templates-v1" }) },
  updateAiProviderAction: { kind: "write", args: () => ({ id: ids.provider, name: "Renamed" }) },
  deleteAiProviderAction: { kind: "write", args: () => ({ id: ids.provider }) },
  saveAiChainAction: { kind: "write", args: () => ({ task: "copywriting", levels: [] }) },
  setAiBudgetAction: { kind: "write", args: () => ({ campaignId: null, monthlyLimitUsd: 1 }) },
  setAiPriceAction: { kind: "write", args: () => ({ kind: "openai", model: "m", inputPerMTokUsd: 1, outputPerMTokUsd: 1 }) },
  resetAiPriceAction: { kind: "write", args: () => ({ kind: "openai", model: "m" }) },
  listContactsAction: { kind: "read", args: () => ({}) },
  createContactAction: { kind: "write", args: () => ({ email: "viewer-made@roles.test" }) },
  updateContactAction: { kind: "write", args: () => ({ id: ids.contact, firstName: "Changed" }) },
  bulkContactsAction: { kind: "write", args: () => ({ action: "tag", ids: [ids.contact], add: ["x"] }) },
  changeStageAction: { kind: "write", args: () => ({ id: ids.contact, stage: "lead" }) },
  setConsentAction: { kind: "write", args: () => ({ id: ids.contact, doNotContact: true }) },
  addNoteAction: { kind: "write", args: () => ({ contactId: ids.contact, body: "Viewer's note" }) },
  listTimelineAction: { kind: "read", args: () => ({ contactId: ids.contact }) },
  // A GDPR export is personal data leaving the system: contacts.export, which viewers lack.
  exportContactDataAction: { kind: "write", args: () => ({ id: ids.contact }) },
  eraseContactAction: { kind: "write", args: () => ({ id: ids.contact }) },
  mergeContactsAction: { kind: "write", args: () => ({ winnerId: ids.contact, loserId: crypto.randomUUID() }) },
  listCompaniesAction: { kind: "read", args: () => ({}) },
  createCompanyAction: { kind: "write", args: () => ({ name: "Viewer Co" }) },
  updateCompanyAction: { kind: "write", args: () => ({ id: ids.company, name: "Renamed" }) },
  deleteCompanyAction: { kind: "write", args: () => ({ id: ids.company }) },
  listSegmentsAction: { kind: "read", args: () => ({}) },
  countSegmentRulesAction: { kind: "read", args: () => ({ rules: { type: "group", op: "and", rules: [] } }) },
  countSegmentAction: { kind: "read", args: () => ({ id: ids.segment }) },
  listSegmentContactsAction: { kind: "read", args: () => ({ id: ids.segment }) },
  createSegmentAction: { kind: "write", args: () => ({ name: "Viewer list", kind: "static" }) },
  updateSegmentAction: { kind: "write", args: () => ({ id: ids.segment, name: "Renamed" }) },
  deleteSegmentAction: { kind: "write", args: () => ({ id: ids.segment }) },
  segmentMembersAction: { kind: "write", args: () => ({ id: ids.segment, action: "add", contactIds: [ids.contact] }) },
  // ---- lifecycle rules and custom fields (app/(app)/crm/rules/actions.ts, app/(app)/crm/fields/actions.ts)
  listLifecycleRulesAction: { kind: "read", args: () => ({}) },
  createLifecycleRuleAction: { kind: "write", args: () => ({ name: "Viewer rule", toStage: "customer", condition: { type: "group", op: "and", rules: [] } }) },
  updateLifecycleRuleAction: { kind: "write", args: () => ({ id: crypto.randomUUID(), enabled: false }) },
  deleteLifecycleRuleAction: { kind: "write", args: () => ({ id: crypto.randomUUID() }) },
  runLifecycleRulesAction: { kind: "write", args: () => ({}) },
  listCustomFieldsAction: { kind: "read", args: () => ({}) },
  createCustomFieldAction: { kind: "write", args: () => ({ label: "Viewer field", type: "text" }) },
  updateCustomFieldAction: { kind: "write", args: () => ({ key: "viewer_field", label: "Renamed" }) },
  deleteCustomFieldAction: { kind: "write", args: () => ({ key: "viewer_field", confirm: true }) },
  // The audit log is for managers and up; a viewer is refused reading it too.
  listAuditAction: { kind: "write", args: () => ({}) },
  // ---- app/(app)/media/actions.ts (media library UI). Asset-bound writes use a real asset, so the refusal is FORBIDDEN, not NOT_FOUND.
  listAssetsAction: { kind: "read", args: () => ({}) },
  getAssetDetailAction: { kind: "read", args: () => ({ id: mediaIds.asset }) },
  nearDuplicatesAction: { kind: "read", args: () => ({ id: mediaIds.asset }) },
  searchCampaignsAction: { kind: "read", args: () => ({ q: "" }) },
  createLibraryAction: { kind: "write", args: () => ({ name: "Viewer's library" }) },
  updateAssetAction: { kind: "write", args: () => ({ id: mediaIds.asset, name: "Renamed by viewer" }) },
  transitionAssetAction: { kind: "write", args: () => ({ id: mediaIds.asset, action: "submit" }) },
  bulkTransitionAction: { kind: "write", args: () => ({ ids: [mediaIds.asset], action: "submit" }) },
  bulkDeleteAssetsAction: { kind: "write", args: () => ({ ids: [mediaIds.asset] }) },
  bulkRestoreAssetsAction: { kind: "write", args: () => ({ ids: [mediaIds.asset] }) },
  bulkTagAssetsAction: { kind: "write", args: () => ({ ids: [mediaIds.asset], add: ["viewer"] }) },
  generateVariantsAction: { kind: "write", args: () => ({ id: mediaIds.asset }) },
  attachToCampaignAction: { kind: "write", args: () => ({ assetId: mediaIds.asset, campaignId: ids.campaign }) },
  detachAssetAction: { kind: "write", args: () => ({ assetId: mediaIds.asset, entityType: "campaign", entityId: ids.campaign }) },
  updateLibraryAction: { kind: "write", args: () => ({ id: mediaIds.library, name: "Renamed by viewer" }) },
  deleteLibraryAction: { kind: "write", args: () => ({ id: mediaIds.library }) },
  // ---- end media library UI
  // ---- app/(app)/media/insights/actions.ts (media performance, suggestions, alt text, metrics import)
  getAssetPerformanceAction: { kind: "read", args: () => ({ assetId: mediaIds.asset }) },
  listAssetSuggestionsAction: { kind: "read", args: () => ({ assetId: mediaIds.asset }) },
  applySuggestionAction: { kind: "write", args: () => ({ assetId: mediaIds.asset, action: { kind: "archive" } }) },
  suggestAltTextAction: { kind: "write", args: () => ({ assetId: mediaIds.asset }) },
  importMetricsCsvAction: {
    kind: "write",
    args: () => {
      const form = new FormData();
      form.append("file", new Blob([`asset_id,channel,day,impressions\n${mediaIds.asset},instagram,2026-11-01,100\n`], { type: "text/csv" }), "m.csv");
      return form;
    },
  },
  // ---- end media insights
};

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name === "actions.ts") out.push(p);
  }
  return out;
}

async function counts() {
  const db = getDb();
  const n = async (
    t:
      | typeof campaigns
      | typeof members
      | typeof invitations
      | typeof apiKeys
      | typeof auditLog
      | typeof aiProviders
      | typeof aiChains
      | typeof aiBudgets
      | typeof aiPrices
      | typeof aiRequests
      | typeof contacts
      | typeof companies
      | typeof contactNotes
      | typeof contactEvents
      | typeof segments
      | typeof segmentMembers,
  ) => (await db.select({ n: count() }).from(t))[0]!.n;
  const [w] = await db.select().from(workspaces).where(eq(workspaces.id, ws.id));
  return {
    campaigns: await n(campaigns),
    members: await n(members),
    invitations: await n(invitations),
    apiKeys: await n(apiKeys),
    audit: await n(auditLog),
    aiProviders: await n(aiProviders),
    aiChains: await n(aiChains),
    aiBudgets: await n(aiBudgets),
    aiPrices: await n(aiPrices),
    aiRequests: await n(aiRequests),
    contacts: await n(contacts),
    companies: await n(companies),
    notes: await n(contactNotes),
    events: await n(contactEvents),
    segments: await n(segments),
    segmentMembers: await n(segmentMembers),
    contactRows: await db.select().from(contacts).where(eq(contacts.workspaceId, ws.id)),
    roles: (await db.select({ role: members.role }).from(members).where(eq(members.organizationId, ws.id))).map((r) => r.role).sort(),
    workspace: w,
  };
}

beforeAll(async () => {
  setEnv("DATABASE_URL", getDb().$client.options.connectionString!);
  ws = await makeWorkspace(getDb(), "Roles");
  ids.campaign = (await createCampaign(ws.ctx("owner"), { name: "Owner's campaign" })).id;
  const [m] = await getDb().select().from(members).where(eq(members.userId, ws.users.marketer.id));
  ids.member = m!.id;
  ids.invitation = (await createInvitation(ws.ctx("owner"), { email: "pending@example.test", role: "viewer" })).id;
  ids.apiKey = (await createApiKey(ws.ctx("owner"), { name: "Owner key", role: "viewer" })).apiKey.id;
  ids.provider = (await createProvider(ws.ctx("owner"), { name: "Offline", kind: "offline", model: "offline-templates-v1" })).id;
  ids.company = (await createCompany(ws.ctx("owner"), { name: "Roles Inc" })).id;
  ids.contact = (await createContact(ws.ctx("owner"), { email: "person@roles.test", companyId: ids.company })).id;
  ids.segment = (await createSegment(ws.ctx("owner"), { name: "Roles list", kind: "static" })).id;
  session.ctx = ws.ctx("viewer");
  session.user = { id: ws.users.viewer.id, email: ws.users.viewer.email, name: "Viewer" };
});

// ---- media library UI fixtures: one asset (and its library) in the roles workspace, stored in a private data folder.
const mediaIds = { asset: "", library: "" };
let mediaData: { cleanup: () => Promise<void> } | undefined;
beforeAll(async () => {
  mediaData = await useTempDataDir();
  const lib = await createLibrary(ws.ctx("owner"), { name: "Roles library" });
  const up = await ingestAsset(ws.ctx("owner"), { libraryId: lib.id, fileName: "roles.jpg", stream: chunked(await photoJpeg(777, 240, 160)) }, { variants: "skip" });
  if (!up.created) throw new Error("fixture asset was a duplicate");
  mediaIds.asset = up.asset.id;
  mediaIds.library = lib.id;
});
afterAll(async () => {
  await mediaData?.cleanup();
});
// ---- end media library UI fixtures

describe("server actions for a viewer", () => {
  it("every action is classified", async () => {
    const names: string[] = [];
    for (const f of walk(path.join(root, "app"))) {
      for (const [name, fn] of Object.entries(await import(f))) if (typeof fn === "function") names.push(name);
    }
    expect(names.filter((n) => !ACTIONS[n]), "classify these actions").toEqual([]);
  });

  it("refuses every write with FORBIDDEN and changes nothing, while reads still work", async () => {
    const before = await counts();
    for (const f of walk(path.join(root, "app"))) {
      for (const [name, fn] of Object.entries(await import(f))) {
        const c = ACTIONS[name];
        if (typeof fn !== "function" || !c || c.kind === "self") continue;
        const res = (await (fn as (raw: unknown) => Promise<{ ok: boolean; code?: string }>)(c.args())) as { ok: boolean; code?: string };
        if (c.kind === "write") {
          expect(res, name).toMatchObject({ ok: false, code: "FORBIDDEN" });
        } else {
          expect(res.ok, name).toBe(true);
        }
      }
    }
    expect(await counts()).toEqual(before);
  });
});
