// Shapes CRM rows for JSON responses (ISO dates), the one place REST handlers convert engine rows.
// Never add fields here that the OpenAPI response schemas in lib/api/specs/crm.ts do not declare.
import type { Company, Contact } from "@/db/schema";

export function contactToJson(c: Contact & { companyName?: string | null }) {
  const { deletedAt: _deleted, workspaceId: _ws, ...rest } = c;
  return { ...rest, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() };
}

export function companyToJson(c: Company & { contactCount?: number }) {
  const { workspaceId: _ws, ownerUserId: _owner, ...rest } = c;
  return { ...rest, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() };
}
