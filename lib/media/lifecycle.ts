// The asset lifecycle as one pure state machine: which action moves which status where, who may do it, what it needs.
// DRAFT → IN_REVIEW → APPROVED → PUBLISHED → ARCHIVED, and DELETED (soft). Never change an asset's status outside it.
import type { MediaStatus } from "@/db/schema";
import type { Permission } from "@/lib/auth/permissions";

export const MEDIA_ACTIONS = ["submit", "approve", "reject", "publish", "archive", "reopen", "delete", "restore"] as const;
export type MediaAction = (typeof MEDIA_ACTIONS)[number];

/** Soft-deleted assets stay restorable this long, then the purge job removes them for good. */
export const RESTORE_WINDOW_DAYS = 30;

interface Rule {
  from: readonly MediaStatus[];
  /** null: back to the status held before the delete. */
  to: MediaStatus | null;
  permission: Permission;
  noteRequired?: boolean;
}

const LIVE: readonly MediaStatus[] = ["DRAFT", "IN_REVIEW", "APPROVED", "PUBLISHED"];

export const LIFECYCLE_RULES: Record<MediaAction, Rule> = {
  submit: { from: ["DRAFT"], to: "IN_REVIEW", permission: "media.write" },
  approve: { from: ["IN_REVIEW"], to: "APPROVED", permission: "media.approve" },
  // A rejection sends the asset back to its author, who needs to know why.
  reject: { from: ["IN_REVIEW"], to: "DRAFT", permission: "media.approve", noteRequired: true },
  publish: { from: ["APPROVED"], to: "PUBLISHED", permission: "media.write" },
  archive: { from: LIVE, to: "ARCHIVED", permission: "media.write" },
  // Back from the archive it must be reviewed again.
  reopen: { from: ["ARCHIVED"], to: "DRAFT", permission: "media.write" },
  delete: { from: [...LIVE, "ARCHIVED"], to: "DELETED", permission: "media.delete" },
  restore: { from: ["DELETED"], to: null, permission: "media.delete" },
};

export type TransitionRefusal =
  | { code: "FORBIDDEN"; permission: Permission }
  | { code: "INVALID_TRANSITION"; message: string }
  | { code: "NOTE_REQUIRED"; message: string }
  | { code: "ASSET_EXPIRED"; message: string }
  | { code: "RESTORE_WINDOW_PASSED"; message: string };

export interface TransitionInput {
  from: MediaStatus;
  action: MediaAction;
  /** Whether the actor holds a permission (the caller passes `(p) => can(ctx.role, p)`). */
  can: (permission: Permission) => boolean;
  note?: string | null;
  /** For restore: the status before the delete, and when the delete happened. */
  statusBeforeDelete?: MediaStatus | null;
  deletedAt?: Date | null;
  expiresAt?: Date | null;
  now?: Date;
}

export type TransitionResult = { ok: true; to: MediaStatus } | { ok: false; refusal: TransitionRefusal };

const LABEL: Record<MediaStatus, string> = {
  DRAFT: "a draft",
  IN_REVIEW: "in review",
  APPROVED: "approved",
  PUBLISHED: "published",
  ARCHIVED: "archived",
  DELETED: "deleted",
};

/** Decides one transition. Permission is checked first, so a role without it learns nothing about the asset's state. */
export function decideTransition(input: TransitionInput): TransitionResult {
  const rule = LIFECYCLE_RULES[input.action];
  if (!input.can(rule.permission)) return { ok: false, refusal: { code: "FORBIDDEN", permission: rule.permission } };
  if (!rule.from.includes(input.from)) {
    return {
      ok: false,
      refusal: { code: "INVALID_TRANSITION", message: `Cannot ${input.action} an asset that is ${LABEL[input.from]}.` },
    };
  }
  if (rule.noteRequired && !input.note?.trim()) {
    return { ok: false, refusal: { code: "NOTE_REQUIRED", message: `A note is required to ${input.action}: tell the author what to change.` } };
  }
  const now = input.now ?? new Date();
  const expired = input.expiresAt != null && input.expiresAt.getTime() <= now.getTime();
  let to = rule.to;
  if (input.action === "restore") {
    const deletedAt = input.deletedAt ?? now;
    if (now.getTime() - deletedAt.getTime() > RESTORE_WINDOW_DAYS * 86_400_000) {
      return { ok: false, refusal: { code: "RESTORE_WINDOW_PASSED", message: `Deleted assets can be restored for ${RESTORE_WINDOW_DAYS} days only.` } };
    }
    // An asset that expired while in the bin comes back archived, as the expiry job would have left it.
    to = expired ? "ARCHIVED" : (input.statusBeforeDelete ?? "DRAFT");
  }
  if (expired && (input.action === "submit" || input.action === "approve" || input.action === "publish" || input.action === "reopen")) {
    return { ok: false, refusal: { code: "ASSET_EXPIRED", message: "This asset has expired. Move its expiry date before using it again." } };
  }
  return { ok: true, to: to! };
}

/** The actions a role could take from a status (for the UI's buttons); the engine still decides each one. */
export function availableActions(from: MediaStatus, can: (p: Permission) => boolean): MediaAction[] {
  return MEDIA_ACTIONS.filter((a) => LIFECYCLE_RULES[a].from.includes(from) && can(LIFECYCLE_RULES[a].permission));
}
