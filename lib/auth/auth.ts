// The better-auth instance: email/password accounts, Postgres-backed sessions and workspaces (its organization plugin).
// Built lazily so `next build` never needs a database. Never log a request body from here: it carries passwords.
import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { organization } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { defaultStatements } from "better-auth/plugins/organization/access";
import { getDb, type Db } from "@/db/client";
import { accounts, invitations, members, sessions, users, verifications, workspaces } from "@/db/schema";
import { env } from "@/lib/env";
import { passwordSchema } from "./schemas";
import { authSecret } from "./secret";

// The auth library's own organization endpoints are guarded by these roles. They mirror the permission table:
// only owners and admins manage members and invitations; the other roles get nothing from those endpoints.
const ac = createAccessControl(defaultStatements);
const orgAdmin = {
  organization: ["update"],
  member: ["create", "update", "delete"],
  invitation: ["create", "cancel"],
  team: [],
  ac: ["read"],
} as const;
const none = { organization: [], member: [], invitation: [], team: [], ac: [] } as const;
const authRoles = {
  owner: ac.newRole({ ...orgAdmin, organization: ["update", "delete"] }),
  admin: ac.newRole(orgAdmin),
  manager: ac.newRole(none),
  marketer: ac.newRole(none),
  approver: ac.newRole(none),
  viewer: ac.newRole(none),
};

function createAuth(db: Db) {
  const e = env();
  return betterAuth({
    appName: "AICMO",
    baseURL: e.APP_URL,
    secret: authSecret(),
    trustedOrigins: [e.APP_URL],
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: {
        user: users,
        session: sessions,
        account: accounts,
        verification: verifications,
        organization: workspaces,
        member: members,
        invitation: invitations,
      },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      autoSignIn: true,
    },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
    },
    // We rate-limit sign-in ourselves per account and per address (lib/auth/login-limiter.ts).
    rateLimit: { enabled: false },
    advanced: {
      useSecureCookies: e.APP_URL.startsWith("https://"),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      database: { generateId: () => crypto.randomUUID() },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-up/email") return;
        const body = ctx.body as { password?: unknown } | undefined;
        const checked = passwordSchema.safeParse(body?.password ?? "");
        if (!checked.success) {
          throw new APIError("BAD_REQUEST", {
            code: "WEAK_PASSWORD",
            message: checked.error.issues[0]?.message ?? "Choose a stronger password.",
          });
        }
      }),
    },
    plugins: [
      organization({
        ac,
        roles: authRoles,
        creatorRole: "owner",
        allowUserToCreateOrganization: true,
        invitationExpiresIn: 60 * 60 * 24 * 7,
        // Invitation links are shown to the inviter to share; no mail server is assumed.
        sendInvitationEmail: async () => {},
      }),
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

let instance: { db: Db; auth: Auth } | undefined;

/** The auth instance for this process's database. */
export function getAuth(): Auth {
  const db = getDb();
  if (!instance || instance.db !== db) instance = { db, auth: createAuth(db) };
  return instance.auth;
}
