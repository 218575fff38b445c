// The request context every engine function receives, and the single authorisation helper.
// Engines call authorize() before touching data; never trust a caller to have checked.
import "server-only";
import type { DbOrTx } from "@/db/client";
import { ForbiddenError } from "@/lib/errors";
import { can, type Permission, type Role } from "./permissions";

export interface Ctx {
  db: DbOrTx;
  workspaceId: string;
  /** The acting user; for an API key, the user who created it. */
  userId: string;
  role: Role;
  /** Shown in the audit log: an email, `api-key:<prefix>` or `system`. */
  actorLabel: string;
  /** Set when the request came with an API key rather than a session. */
  apiKeyId?: string;
}

export function authorize(ctx: Ctx, permission: Permission): void {
  if (!can(ctx.role, permission)) throw new ForbiddenError(permission);
}

/** The same context bound to a transaction handle. */
export function withDb(ctx: Ctx, db: DbOrTx): Ctx {
  return { ...ctx, db };
}
