// Resolves the secret that signs session cookies. Production demands AUTH_SECRET; dev and test derive a stable one.
// Never log or return this value.
import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/lib/env";

export function authSecret(): string {
  const e = env();
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  if (e.NODE_ENV === "production") {
    throw new Error("AUTH_SECRET must be set (32+ characters). `npm start` generates one for the embedded database.");
  }
  // Development/test only: derived from the database URL so restarts keep sessions valid.
  return createHash("sha256").update(`aicmo-dev:${e.DATABASE_URL ?? ""}`).digest("hex");
}
