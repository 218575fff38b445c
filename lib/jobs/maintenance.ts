// Housekeeping jobs for the foundation: expired sessions, verifications and invitations are cleared on a schedule.
// Handlers are idempotent: running one twice deletes nothing the first run did not.
import "server-only";
import { and, eq, lt } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { invitations, sessions, verifications } from "@/db/schema";
import { defineJob } from "./define";

export async function purgeExpiredAuthRecords(db: DbOrTx, now = new Date()) {
  const s = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  const v = await db.delete(verifications).where(lt(verifications.expiresAt, now)).returning({ id: verifications.id });
  const i = await db
    .update(invitations)
    .set({ status: "expired" })
    .where(and(eq(invitations.status, "pending"), lt(invitations.expiresAt, now)))
    .returning({ id: invitations.id });
  return { sessions: s.length, verifications: v.length, invitations: i.length };
}

export const authCleanupJob = defineJob({
  name: "maintenance.auth-cleanup",
  schema: z.object({ before: z.iso.datetime().optional() }).strict(),
  cron: "17 * * * *",
  retryLimit: 2,
  handler: async (payload, job) => purgeExpiredAuthRecords(job.db, payload.before ? new Date(payload.before) : new Date()),
});
