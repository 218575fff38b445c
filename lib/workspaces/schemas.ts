// Inputs for workspace settings, members, invitations and API keys; shared by forms, actions and REST routes.
// Roles are validated against the permission table's list; who may grant which role is the engine's decision.
import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";

export const roleSchema = z.enum(ROLES);

export const updateWorkspaceSchema = z.object({
  name: z.string().trim().min(2, "Use at least 2 characters.").max(80),
  timezone: z
    .string()
    .trim()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "Not a known IANA time zone (e.g. Europe/Berlin)."),
});

export const createInvitationSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  role: roleSchema,
});

export const invitationIdSchema = z.object({ invitationId: z.string().min(1).max(100) });

export const changeMemberRoleSchema = z.object({ memberId: z.string().min(1).max(100), role: roleSchema });

export const memberIdSchema = z.object({ memberId: z.string().min(1).max(100) });

export const createApiKeySchema = z.object({
  name: z.string().trim().min(2, "Use at least 2 characters.").max(60),
  role: roleSchema,
});

export const apiKeyIdSchema = z.object({ apiKeyId: z.string().uuid("Not an API key id.") });

export const switchWorkspaceSchema = z.object({ workspaceId: z.string().min(1).max(100) });

export const acceptInvitationSchema = z.object({ token: z.string().min(1).max(100) });
