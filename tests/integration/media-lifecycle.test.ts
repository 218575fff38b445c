// The asset lifecycle against a real database: approvals with notes and role refusals, bulk decisions, expiry and purge
// jobs, attach / where used / most used, the in-use hard-delete refusal, list filters and keyset pages, tenant 404s.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, mediaApprovals, mediaAssets, type MediaAsset } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import { createCampaign } from "@/lib/campaigns";
import { AppError } from "@/lib/errors";
import {
  archiveExpiredAssets,
  attachAsset,
  bulkTransition,
  createLibrary,
  detachAsset,
  getAsset,
  ingestAsset,
  listApprovals,
  listAssets,
  mostUsed,
  purgeAsset,
  purgeDeletedAssets,
  transitionAsset,
  updateAsset,
  whereUsed,
} from "@/lib/media";
import { mediaStorage } from "@/lib/media/storage";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";
import { chunked, storedObjects, useTempDataDir } from "../fixtures/media/helpers";
import { pdf, photoJpeg, photoPng } from "../fixtures/media/make";

const getDb = setupTestDb();
let data: { dir: string; cleanup: () => Promise<void> };
let ws: TestWorkspace;
let other: TestWorkspace;
let libraryId: string;
let seed = 1000;

beforeAll(async () => {
  data = await useTempDataDir();
  ws = await makeWorkspace(getDb(), "Lifecycle");
  other = await makeWorkspace(getDb(), "Someone else");
  libraryId = (await createLibrary(ws.ctx("marketer"), { name: "Campaign assets" })).id;
});
afterAll(async () => data.cleanup());

async function newAsset(opts: { name?: string; width?: number; height?: number; png?: boolean } = {}): Promise<MediaAsset> {
  seed += 1;
  const bytes = opts.png ? await photoPng(seed, opts.width ?? 300, opts.height ?? 200) : await photoJpeg(seed, opts.width ?? 300, opts.height ?? 200);
  const r = await ingestAsset(ws.ctx("marketer"), { libraryId, name: opts.name, fileName: `a${seed}.${opts.png ? "png" : "jpg"}`, stream: chunked(bytes) }, { variants: "skip" });
  if (!r.created) throw new Error("unexpected duplicate");
  return r.asset;
}

async function fails(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe("approval workflow", () => {
  it("runs draft → review → approved (with a note) → published, recording every step with its actor", async () => {
    const a = await newAsset();
    await transitionAsset(ws.ctx("marketer"), a.id, { action: "submit" });
    const approved = await transitionAsset(ws.ctx("approver"), a.id, { action: "approve", note: "Brand colours are right." });
    expect(approved.status).toBe("APPROVED");
    expect((await transitionAsset(ws.ctx("marketer"), a.id, { action: "publish" })).status).toBe("PUBLISHED");
    const history = await listApprovals(ws.ctx("viewer"), a.id);
    expect(history.map((h) => [h.action, h.fromStatus, h.toStatus, h.actorLabel, h.note])).toEqual([
      ["upload", null, "DRAFT", ws.users.marketer.email, null],
      ["submit", "DRAFT", "IN_REVIEW", ws.users.marketer.email, null],
      ["approve", "IN_REVIEW", "APPROVED", ws.users.approver.email, "Brand colours are right."],
      ["publish", "APPROVED", "PUBLISHED", ws.users.marketer.email, null],
    ]);
    const audits = await getDb().select().from(auditLog).where(and(eq(auditLog.workspaceId, ws.id), eq(auditLog.entityId, a.id)));
    expect(audits.map((x) => x.action)).toEqual(expect.arrayContaining(["media_asset.upload", "media_asset.submit", "media_asset.approve", "media_asset.publish"]));
  });

  it("lets only approving roles approve or reject, and needs a note to reject", async () => {
    const a = await newAsset();
    await transitionAsset(ws.ctx("marketer"), a.id, { action: "submit" });
    for (const role of ["marketer", "viewer"] as const) {
      const e = await fails(transitionAsset(ws.ctx(role), a.id, { action: "approve" }));
      expect([e.status, e.code]).toEqual([403, "FORBIDDEN"]);
    }
    const noNote = await fails(transitionAsset(ws.ctx("approver"), a.id, { action: "reject" }));
    expect([noNote.status, noNote.code]).toEqual([422, "VALIDATION_FAILED"]);
    expect(noNote.message).toMatch(/note is required/);
    const rejected = await transitionAsset(ws.ctx("approver"), a.id, { action: "reject", note: "Crop the logo less tightly." });
    expect(rejected.status).toBe("DRAFT");
    const [last] = (await listApprovals(ws.ctx("viewer"), a.id)).slice(-1);
    expect(last).toMatchObject({ action: "reject", fromStatus: "IN_REVIEW", toStatus: "DRAFT", note: "Crop the logo less tightly." });
    // Approvers decide; they do not create or submit content.
    expect((await fails(transitionAsset(ws.ctx("approver"), a.id, { action: "submit" }))).code).toBe("FORBIDDEN");
    // From the wrong status the move is a conflict, not a silent no-op.
    expect((await fails(transitionAsset(ws.ctx("manager"), a.id, { action: "approve" }))).code).toBe("INVALID_TRANSITION");
  });

  it("bulk-approves a review queue, skipping what cannot move, without touching another workspace", async () => {
    const queue = [await newAsset(), await newAsset(), await newAsset()];
    for (const a of queue) await transitionAsset(ws.ctx("marketer"), a.id, { action: "submit" });
    const draft = await newAsset();
    const otherLib = await createLibrary(other.ctx("owner"), { name: "Theirs" });
    const theirs = await ingestAsset(other.ctx("owner"), { libraryId: otherLib.id, fileName: "t.jpg", stream: chunked(await photoJpeg(9999, 200, 200)) }, { variants: "skip" });
    if (!theirs.created) throw new Error("dup");
    await transitionAsset(other.ctx("owner"), theirs.asset.id, { action: "submit" });

    expect((await fails(bulkTransition(ws.ctx("marketer"), { ids: queue.map((a) => a.id), action: "approve" }))).code).toBe("FORBIDDEN");
    expect((await fails(bulkTransition(ws.ctx("approver"), { ids: queue.map((a) => a.id), action: "reject" }))).status).toBe(422);

    const res = await bulkTransition(ws.ctx("approver"), { ids: [...queue.map((a) => a.id), draft.id, theirs.asset.id], action: "approve", note: "Batch OK" });
    expect(res.done.sort()).toEqual(queue.map((a) => a.id).sort());
    expect(res.skipped).toEqual([
      { id: draft.id, code: "INVALID_TRANSITION", reason: expect.stringMatching(/draft/) },
      { id: theirs.asset.id, code: "ASSET_NOT_FOUND", reason: "Asset not found." },
    ]);
    for (const a of queue) expect((await getAsset(ws.ctx("viewer"), a.id)).status).toBe("APPROVED");
    expect((await getAsset(other.ctx("owner"), theirs.asset.id)).status).toBe("IN_REVIEW");
    const rows = await getDb().select().from(mediaApprovals).where(and(eq(mediaApprovals.workspaceId, ws.id), eq(mediaApprovals.action, "approve"), eq(mediaApprovals.note, "Batch OK")));
    expect(rows).toHaveLength(3);
  });
});

describe("expiry", () => {
  it("refuses to attach an expired asset, archives it with the job, and the job is idempotent", async () => {
    const campaign = await createCampaign(ws.ctx("marketer"), { name: "Spring" });
    const a = await newAsset();
    await transitionAsset(ws.ctx("marketer"), a.id, { action: "submit" });
    await transitionAsset(ws.ctx("approver"), a.id, { action: "approve" });
    await updateAsset(ws.ctx("marketer"), a.id, { expiresAt: new Date(Date.now() - 60_000).toISOString() });
    const expired = await fails(attachAsset(ws.ctx("marketer"), { assetId: a.id, entityType: "campaign", entityId: campaign.id }));
    expect([expired.status, expired.code]).toEqual([409, "ASSET_EXPIRED"]);
    expect(expired.message).toMatch(/expired on \d{4}-\d{2}-\d{2}/);

    const first = await archiveExpiredAssets(getDb());
    expect(first.archived).toBeGreaterThanOrEqual(1);
    expect((await getAsset(ws.ctx("viewer"), a.id)).status).toBe("ARCHIVED");
    const [last] = (await listApprovals(ws.ctx("viewer"), a.id)).slice(-1);
    expect(last).toMatchObject({ action: "expire", fromStatus: "APPROVED", toStatus: "ARCHIVED", actorLabel: "system" });
    expect((await archiveExpiredAssets(getDb())).archived).toBe(0);
    expect((await fails(attachAsset(ws.ctx("marketer"), { assetId: a.id, entityType: "campaign", entityId: campaign.id }))).code).toBe("ASSET_ARCHIVED");
    // Reopening an expired asset is refused until its expiry moves.
    expect((await fails(transitionAsset(ws.ctx("marketer"), a.id, { action: "reopen" }))).code).toBe("ASSET_EXPIRED");
    await updateAsset(ws.ctx("marketer"), a.id, { expiresAt: null });
    expect((await transitionAsset(ws.ctx("marketer"), a.id, { action: "reopen" })).status).toBe("DRAFT");
  });

  it("leaves assets whose expiry is still ahead alone", async () => {
    const a = await newAsset();
    await updateAsset(ws.ctx("marketer"), a.id, { expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    await archiveExpiredAssets(getDb());
    expect((await getAsset(ws.ctx("viewer"), a.id)).status).toBe("DRAFT");
  });
});

describe("usage", () => {
  it("attaches through one function, lists where used and most used, and refuses to delete an asset in use", async () => {
    const campaign = await createCampaign(ws.ctx("marketer"), { name: "Summer launch" });
    const a = await newAsset({ name: "Summer hero" });
    const ctx = ws.ctx("marketer");
    const first = await attachAsset(ctx, { assetId: a.id, entityType: "campaign", entityId: campaign.id });
    expect(first.created).toBe(true);
    expect((await attachAsset(ctx, { assetId: a.id, entityType: "campaign", entityId: campaign.id })).created).toBe(false);
    await attachAsset(ctx, { assetId: a.id, entityType: "post", entityId: "post-42", campaignId: campaign.id });
    const used = await whereUsed(ws.ctx("viewer"), a.id);
    expect(used.map((u) => [u.entityType, u.entityId, u.campaignName]).sort()).toEqual([
      ["campaign", campaign.id, "Summer launch"],
      ["post", "post-42", "Summer launch"],
    ]);
    expect((await getAsset(ws.ctx("viewer"), a.id)).usageCount).toBe(2);
    expect((await mostUsed(ws.ctx("viewer")))[0]!.id).toBe(a.id);

    const softDelete = await fails(transitionAsset(ws.ctx("manager"), a.id, { action: "delete" }));
    expect([softDelete.status, softDelete.code]).toEqual([409, "ASSET_IN_USE"]);
    expect(softDelete.message).toMatch(/used in 2 places.*Archive it instead/);
    const hard = await fails(purgeAsset(ws.ctx("owner"), a.id));
    expect(hard.code).toBe("ASSET_IN_USE");
    expect(hard.message).toMatch(/Archive it instead/);
    // Archiving is fine and keeps the usages.
    expect((await transitionAsset(ws.ctx("marketer"), a.id, { action: "archive" })).status).toBe("ARCHIVED");
    expect(await whereUsed(ws.ctx("viewer"), a.id)).toHaveLength(2);

    expect(await detachAsset(ctx, { assetId: a.id, entityType: "post", entityId: "post-42" })).toEqual({ detached: true });
    expect(await detachAsset(ctx, { assetId: a.id, entityType: "post", entityId: "post-42" })).toEqual({ detached: false });
    await detachAsset(ctx, { assetId: a.id, entityType: "campaign", entityId: campaign.id });
    expect((await getAsset(ws.ctx("viewer"), a.id)).usageCount).toBe(0);
    const before = await storedObjects(data.dir);
    expect(before).toContain(a.originalKey);
    expect((await fails(purgeAsset(ws.ctx("marketer"), a.id))).code).toBe("FORBIDDEN");
    await purgeAsset(ws.ctx("manager"), a.id);
    expect(await getDb().select().from(mediaAssets).where(eq(mediaAssets.id, a.id))).toEqual([]);
    expect(await mediaStorage().head(a.originalKey)).toBeNull();
    expect((await storedObjects(data.dir)).filter((k) => k.includes(a.id) || k === a.originalKey)).toEqual([]);
  });

  it("refuses another workspace's campaign (422) and asset (404)", async () => {
    const theirCampaign = await createCampaign(other.ctx("owner"), { name: "Their secret campaign" });
    const a = await newAsset();
    const e = await fails(attachAsset(ws.ctx("marketer"), { assetId: a.id, entityType: "campaign", entityId: theirCampaign.id }));
    expect([e.status, e.message]).toEqual([422, "Some fields are not valid."]);
    const e2 = await fails(attachAsset(ws.ctx("marketer"), { assetId: a.id, entityType: "post", entityId: "p1", campaignId: theirCampaign.id }));
    expect(e2.status).toBe(422);
    const mine = await createCampaign(ws.ctx("marketer"), { name: "Mine" });
    expect((await fails(attachAsset(other.ctx("owner"), { assetId: a.id, entityType: "campaign", entityId: mine.id }))).status).toBe(422);
    expect((await fails(attachAsset(other.ctx("owner"), { assetId: a.id, entityType: "post", entityId: "p1" }))).code).toBe("ASSET_NOT_FOUND");
    expect((await fails(whereUsed(other.ctx("owner"), a.id))).code).toBe("ASSET_NOT_FOUND");
    expect((await fails(getAsset(other.ctx("owner"), a.id))).status).toBe(404);
    expect((await fails(transitionAsset(other.ctx("owner"), a.id, { action: "archive" }))).status).toBe(404);
    expect((await fails(purgeAsset(other.ctx("owner"), a.id))).status).toBe(404);
  });
});

describe("soft delete, restore and purge", () => {
  it("bins an asset, hides it from lists, restores it to its status, and purges it after 30 days", async () => {
    const a = await newAsset();
    await transitionAsset(ws.ctx("marketer"), a.id, { action: "submit" });
    expect((await fails(transitionAsset(ws.ctx("marketer"), a.id, { action: "delete" }))).code).toBe("FORBIDDEN");
    const deleted = await transitionAsset(ws.ctx("manager"), a.id, { action: "delete" });
    expect(deleted).toMatchObject({ status: "DELETED", statusBeforeDelete: "IN_REVIEW" });
    expect((await listAssets(ws.ctx("viewer"), { limit: 200 })).items.map((x) => x.id)).not.toContain(a.id);
    expect((await listAssets(ws.ctx("viewer"), { status: ["DELETED"] })).items.map((x) => x.id)).toContain(a.id);
    expect((await transitionAsset(ws.ctx("manager"), a.id, { action: "restore" })).status).toBe("IN_REVIEW");

    await transitionAsset(ws.ctx("manager"), a.id, { action: "delete" });
    const day = 86_400_000;
    expect((await purgeDeletedAssets(getDb(), new Date(Date.now() + 29 * day))).purged).toBe(0);
    expect(await mediaStorage().head(a.originalKey)).not.toBeNull();
    const res = await purgeDeletedAssets(getDb(), new Date(Date.now() + 31 * day));
    expect(res.purged).toBeGreaterThanOrEqual(1);
    expect(await getDb().select().from(mediaAssets).where(eq(mediaAssets.id, a.id))).toEqual([]);
    expect(await mediaStorage().head(a.originalKey)).toBeNull();
    expect((await purgeDeletedAssets(getDb(), new Date(Date.now() + 31 * day))).purged).toBe(0);
  });
});

describe("listing", () => {
  it("filters by kind, status, tags, category, orientation and text, and pages by keyset without repeats", async () => {
    const lib = (await createLibrary(ws.ctx("marketer"), { name: "Filters" })).id;
    const ctx = ws.ctx("marketer");
    const add = async (fileName: string, bytes: Buffer) => {
      const r = await ingestAsset(ctx, { libraryId: lib, fileName, stream: chunked(bytes) }, { variants: "skip" });
      if (!r.created) throw new Error("dup");
      return r.asset;
    };
    const wide = await add("wide.jpg", await photoJpeg(7001, 400, 200));
    const tall = await add("tall.jpg", await photoJpeg(7002, 200, 400));
    const square = await add("square.png", await photoPng(7003, 300, 300));
    const doc = await add("brochure.pdf", pdf(2));
    await updateAsset(ctx, wide.id, { tags: ["Summer", "beach"], category: "Lifestyle", altText: "Two surfers at sunset" });
    await updateAsset(ctx, tall.id, { tags: ["summer"], name: "Poster portrait" });
    const ids = async (q: Parameters<typeof listAssets>[1]) => (await listAssets(ws.ctx("viewer"), { libraryId: lib, ...q })).items.map((a) => a.id).sort();
    expect(await ids({})).toEqual([wide.id, tall.id, square.id, doc.id].sort());
    expect(await ids({ kind: "pdf" })).toEqual([doc.id]);
    expect(await ids({ tags: ["summer"] })).toEqual([wide.id, tall.id].sort());
    expect(await ids({ tags: ["summer", "beach"] })).toEqual([wide.id]);
    expect(await ids({ category: "lifestyle" })).toEqual([wide.id]);
    expect(await ids({ orientation: "landscape" })).toEqual([wide.id]);
    // A letter-size PDF page is portrait too.
    expect(await ids({ orientation: "portrait" })).toEqual([tall.id, doc.id].sort());
    expect(await ids({ orientation: "square" })).toEqual([square.id]);
    expect(await ids({ q: "surfers" })).toEqual([wide.id]);
    expect(await ids({ q: "portrait" })).toEqual([tall.id]);
    expect(await ids({ q: "beac" })).toEqual([wide.id]);
    expect(await ids({ q: "100%_" })).toEqual([]);
    expect(await ids({ status: ["DRAFT"], uploadedBy: ws.users.marketer.id })).toHaveLength(4);
    expect(await ids({ createdFrom: new Date(Date.now() + 3_600_000).toISOString() })).toEqual([]);

    for (const sort of ["newest", "largest", "most_used", "oldest"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = await listAssets(ws.ctx("viewer"), { libraryId: lib, sort, limit: 1, cursor });
        seen.push(...page.items.map((a) => a.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen.sort(), sort).toEqual([wide.id, tall.id, square.id, doc.id].sort());
    }
    const largest = (await listAssets(ws.ctx("viewer"), { libraryId: lib, sort: "largest" })).items.map((a) => a.bytes);
    expect(largest).toEqual([...largest].sort((x, y) => y - x));
  });

  it("lets a viewer read but not write", async () => {
    const a = await newAsset();
    expect((await fails(updateAsset(ws.ctx("viewer"), a.id, { name: "x" }))).code).toBe("FORBIDDEN");
    expect((await fails(createLibrary(ws.ctx("approver"), { name: "Nope" }))).code).toBe("FORBIDDEN");
    expect(
      (await fails(ingestAsset(ws.ctx("viewer"), { libraryId, fileName: "x.jpg", stream: chunked(await photoJpeg(1, 10, 10)) }))).code,
    ).toBe("FORBIDDEN");
  });
});

describe("jobs", () => {
  it("registers idempotent, validated handlers that run against the database", async () => {
    const { MEDIA_JOBS } = await import("@/lib/media/jobs");
    expect(MEDIA_JOBS.map((j) => j.name).sort()).toEqual(["media.abandon-stale-uploads", "media.archive-expired", "media.generate-variants", "media.purge-deleted"]);
    const job = { db: getDb(), jobId: "test", retryCount: 0 };
    for (const def of MEDIA_JOBS.filter((j) => j.cron)) {
      expect(def.schema.safeParse({}).success, def.name).toBe(true);
      expect(def.schema.safeParse({ now: "yesterday" }).success, def.name).toBe(false);
      await def.handler(def.schema.parse({}), job);
      await def.handler(def.schema.parse({}), job);
    }
    const variants = MEDIA_JOBS.find((j) => j.name === "media.generate-variants")!;
    expect(variants.schema.safeParse({ workspaceId: ws.id }).success).toBe(false);
    const a = await newAsset({ width: 400, height: 300 });
    const first = (await variants.handler(variants.schema.parse({ workspaceId: ws.id, assetId: a.id }), job)) as { made: number; kept: number };
    expect(first).toEqual({ made: 8, kept: 0 });
    expect(await variants.handler(variants.schema.parse({ workspaceId: ws.id, assetId: a.id }), job)).toEqual({ made: 0, kept: 8 });
    // A new focal point re-crops the six ratio presets and leaves the format conversions alone.
    await updateAsset(ws.ctx("marketer"), a.id, { focalPoint: { x: 0.1, y: 0.9 } }, { variants: "skip" });
    expect(await variants.handler(variants.schema.parse({ workspaceId: ws.id, assetId: a.id }), job)).toEqual({ made: 6, kept: 2 });
  });
});
