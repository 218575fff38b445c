// The better-auth React client for the browser: sign-in, sign-up and sign-out against /api/auth/*.
// Never use it for authorisation decisions: the server decides; this only starts and ends sessions.
import { organizationClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient({ plugins: [organizationClient()] });

export interface AuthClientError {
  status: number;
  code: string | null;
  message: string | null;
}

/**
 * better-auth errors arrive as `{ code, message, status }`; our own limiter answers `{ error: { code, message } }`.
 * Both shapes are read here so forms only deal with one.
 */
export function readAuthError(raw: unknown): AuthClientError {
  const e = (raw ?? {}) as {
    status?: number;
    code?: unknown;
    message?: unknown;
    error?: { code?: unknown; message?: unknown };
  };
  const code = typeof e.error?.code === "string" ? e.error.code : typeof e.code === "string" ? e.code : null;
  const message =
    typeof e.error?.message === "string" ? e.error.message : typeof e.message === "string" ? e.message : null;
  return { status: typeof e.status === "number" ? e.status : 0, code, message };
}
