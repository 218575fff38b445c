// The media lifecycle state machine: every action from every status for every role, notes on rejection, expiry and the
// restore window. Pure: no database.
import { describe, expect, it } from "vitest";
import { MEDIA_STATUSES, type MediaStatus } from "./constants";
import { can, ROLES, type Role } from "@/lib/auth/permissions";
import { availableActions, decideTransition, MEDIA_ACTIONS, RESTORE_WINDOW_DAYS, type MediaAction } from "./lifecycle";

const allowedEdges: Record<MediaAction, { from: MediaStatus[]; to: MediaStatus | "previous" }> = {
  submit: { from: ["DRAFT"], to: "IN_REVIEW" },
  approve: { from: ["IN_REVIEW"], to: "APPROVED" },
  reject: { from: ["IN_REVIEW"], to: "DRAFT" },
  publish: { from: ["APPROVED"], to: "PUBLISHED" },
  archive: { from: ["DRAFT", "IN_REVIEW", "APPROVED", "PUBLISHED"], to: "ARCHIVED" },
  reopen: { from: ["ARCHIVED"], to: "DRAFT" },
  delete: { from: ["DRAFT", "IN_REVIEW", "APPROVED", "PUBLISHED", "ARCHIVED"], to: "DELETED" },
  restore: { from: ["DELETED"], to: "previous" },
};

/** Who may take each action, by role (from the permission table: approvers decide, marketers create, managers do both). */
const mayAct: Record<MediaAction, Role[]> = {
  submit: ["owner", "admin", "manager", "marketer"],
  approve: ["owner", "admin", "manager", "approver"],
  reject: ["owner", "admin", "manager", "approver"],
  publish: ["owner", "admin", "manager", "marketer"],
  archive: ["owner", "admin", "manager", "marketer"],
  reopen: ["owner", "admin", "manager", "marketer"],
  delete: ["owner", "admin", "manager"],
  restore: ["owner", "admin", "manager"],
};

const now = new Date("2026-11-29T12:00:00Z");

describe("decideTransition", () => {
  for (const action of MEDIA_ACTIONS) {
    for (const role of ROLES) {
      for (const from of MEDIA_STATUSES) {
        const allowedRole = mayAct[action].includes(role);
        const allowedFrom = allowedEdges[action].from.includes(from);
        const expectation = !allowedRole ? "FORBIDDEN" : !allowedFrom ? "INVALID_TRANSITION" : "ok";
        it(`${role} ${action} from ${from}: ${expectation}`, () => {
          const r = decideTransition({
            from,
            action,
            can: (p) => can(role, p),
            note: "Looks good",
            statusBeforeDelete: "APPROVED",
            deletedAt: new Date(now.getTime() - 86_400_000),
            now,
          });
          if (expectation === "ok") {
            expect(r).toEqual({ ok: true, to: allowedEdges[action].to === "previous" ? "APPROVED" : allowedEdges[action].to });
          } else {
            expect(r.ok).toBe(false);
            if (!r.ok) expect(r.refusal.code).toBe(expectation);
          }
        });
      }
    }
  }

  it("refuses a rejection without a note, and accepts one with a note", () => {
    const base = { from: "IN_REVIEW" as const, action: "reject" as const, can: (p: Parameters<typeof can>[1]) => can("approver", p) };
    for (const note of [undefined, null, "", "   "]) {
      const r = decideTransition({ ...base, note });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.refusal.code).toBe("NOTE_REQUIRED");
    }
    expect(decideTransition({ ...base, note: "Logo is cropped" })).toEqual({ ok: true, to: "DRAFT" });
  });

  it("lets an approval go without a note", () => {
    expect(decideTransition({ from: "IN_REVIEW", action: "approve", can: (p) => can("approver", p) })).toEqual({ ok: true, to: "APPROVED" });
  });

  it("refuses to submit, approve, publish or reopen an expired asset, but archives and deletes it", () => {
    const expiresAt = new Date(now.getTime() - 1000);
    const owner = (p: Parameters<typeof can>[1]) => can("owner", p);
    for (const [action, from] of [["submit", "DRAFT"], ["approve", "IN_REVIEW"], ["publish", "APPROVED"], ["reopen", "ARCHIVED"]] as const) {
      const r = decideTransition({ from, action, can: owner, expiresAt, now });
      expect(r.ok, action).toBe(false);
      if (!r.ok) expect(r.refusal.code).toBe("ASSET_EXPIRED");
    }
    expect(decideTransition({ from: "PUBLISHED", action: "archive", can: owner, expiresAt, now })).toEqual({ ok: true, to: "ARCHIVED" });
    expect(decideTransition({ from: "PUBLISHED", action: "delete", can: owner, expiresAt, now })).toEqual({ ok: true, to: "DELETED" });
  });

  it("restores to the status held before the delete, within 30 days only", () => {
    const owner = (p: Parameters<typeof can>[1]) => can("owner", p);
    const day = 86_400_000;
    const within = decideTransition({ from: "DELETED", action: "restore", can: owner, statusBeforeDelete: "PUBLISHED", deletedAt: new Date(now.getTime() - (RESTORE_WINDOW_DAYS - 1) * day), now });
    expect(within).toEqual({ ok: true, to: "PUBLISHED" });
    const late = decideTransition({ from: "DELETED", action: "restore", can: owner, statusBeforeDelete: "PUBLISHED", deletedAt: new Date(now.getTime() - (RESTORE_WINDOW_DAYS + 1) * day), now });
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.refusal.code).toBe("RESTORE_WINDOW_PASSED");
    const expired = decideTransition({ from: "DELETED", action: "restore", can: owner, statusBeforeDelete: "APPROVED", deletedAt: now, expiresAt: new Date(now.getTime() - day), now });
    expect(expired).toEqual({ ok: true, to: "ARCHIVED" });
  });

  it("checks the permission before the state, so a viewer learns nothing about the asset", () => {
    const r = decideTransition({ from: "PUBLISHED", action: "approve", can: (p) => can("viewer", p) });
    expect(r).toEqual({ ok: false, refusal: { code: "FORBIDDEN", permission: "media.approve" } });
  });
});

describe("availableActions", () => {
  it("offers an approver only approve and reject on a review item, and nothing on a draft", () => {
    expect(availableActions("IN_REVIEW", (p) => can("approver", p))).toEqual(["approve", "reject"]);
    expect(availableActions("DRAFT", (p) => can("approver", p))).toEqual([]);
    expect(availableActions("DRAFT", (p) => can("marketer", p))).toEqual(["submit", "archive"]);
  });
});
