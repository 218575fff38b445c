// Companies: list, detail with their contacts, create/update/delete. Domains are normalised and unique per workspace.
// A company of another workspace is "not found"; deleting a company keeps its contacts (they lose the link).
import "server-only";
import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { z } from "zod";
import { companies, contacts, type Company } from "@/db/schema";
import { diffSummary, recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/pagination";
import { createCompanySchema, listCompaniesSchema, updateCompanySchema } from "./schemas";
import { validateCustomValues } from "./custom-fields";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type CompanyRow = Company & { contactCount: number };

// Written with explicit aliases: inside a subquery drizzle would print bare column names that bind to the inner table.
const contactCount = sql<number>`(select count(*)::int from contacts cc where cc.workspace_id = "companies"."workspace_id" and cc.company_id = "companies"."id" and cc.deleted_at is null)`;

export async function listCompanies(ctx: Ctx, raw: z.input<typeof listCompaniesSchema> = {}) {
  authorize(ctx, "contacts.read");
  const input = listCompaniesSchema.parse(raw);
  const conds = [eq(companies.workspaceId, ctx.workspaceId)];
  if (input.q) {
    const q = input.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`);
    conds.push(or(sql`lower(${companies.name}) like ${`${q}%`}`, sql`${companies.domain} like ${`${q}%`}`)!);
  }
  const cur = decodeCursor(input.cursor);
  const key = sql`lower(${companies.name})`;
  if (cur) conds.push(or(sql`${key} > ${String(cur.v)}`, and(sql`${key} = ${String(cur.v)}`, gt(companies.id, cur.id)))!);
  const rows = await ctx.db
    .select({ c: companies, contactCount, key: sql<string>`${key}` })
    .from(companies)
    .where(and(...conds))
    .orderBy(asc(key), asc(companies.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r): CompanyRow => ({ ...r.c, contactCount: r.contactCount })),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.key, last.c.id) : null,
  };
}

export async function getCompany(ctx: Ctx, id: string): Promise<CompanyRow> {
  authorize(ctx, "contacts.read");
  if (!UUID.test(id)) throw new NotFoundError("Company");
  const [row] = await ctx.db
    .select({ c: companies, contactCount })
    .from(companies)
    .where(and(eq(companies.workspaceId, ctx.workspaceId), eq(companies.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("Company");
  return { ...row.c, contactCount: row.contactCount };
}

export async function companyContacts(ctx: Ctx, id: string, limit = 200) {
  await getCompany(ctx, id);
  return ctx.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.companyId, id), isNull(contacts.deletedAt)))
    .orderBy(asc(contacts.lastName), asc(contacts.firstName))
    .limit(limit);
}

async function assertDomainFree(ctx: Ctx, domain: string | null | undefined, exceptId?: string) {
  if (!domain) return;
  const [d] = await ctx.db
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.workspaceId, ctx.workspaceId), eq(companies.domain, domain)))
    .limit(1);
  if (d && d.id !== exceptId) throw new ConflictError(`A company with the domain ${domain} already exists.`, "COMPANY_DOMAIN_TAKEN");
}

export async function createCompany(ctx: Ctx, raw: z.input<typeof createCompanySchema>): Promise<Company> {
  authorize(ctx, "contacts.write");
  const input = createCompanySchema.parse(raw);
  await assertDomainFree(ctx, input.domain);
  if (input.custom) input.custom = await validateCustomValues(ctx, "company", input.custom);
  const domains = [...new Set([...(input.domain ? [input.domain] : []), ...(input.domains ?? [])])];
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(companies)
      .values({ ...input, domains, workspaceId: ctx.workspaceId })
      .returning();
    await recordAudit(tx, ctx, { action: "company.create", entityType: "company", entityId: row!.id, after: { name: row!.name, domain: row!.domain } });
    return row!;
  });
}

export async function updateCompany(ctx: Ctx, raw: z.input<typeof updateCompanySchema>): Promise<Company> {
  authorize(ctx, "contacts.write");
  const { id, ...patch } = updateCompanySchema.parse(raw);
  const before = await getCompany(ctx, id);
  if (patch.domain && patch.domain !== before.domain) await assertDomainFree(ctx, patch.domain, id);
  if (patch.custom) patch.custom = await validateCustomValues(ctx, "company", patch.custom);
  const set: Partial<Company> = { ...patch, updatedAt: new Date() };
  if (patch.domain || patch.domains) set.domains = [...new Set([...(patch.domain ?? before.domain ? [patch.domain ?? before.domain!] : []), ...(patch.domains ?? before.domains)])];
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(companies).set(set).where(and(eq(companies.workspaceId, ctx.workspaceId), eq(companies.id, id))).returning();
    const d = diffSummary({ name: before.name, domain: before.domain, industry: before.industry }, { name: patch.name, domain: patch.domain, industry: patch.industry });
    await recordAudit(tx, ctx, { action: "company.update", entityType: "company", entityId: id, ...d });
    return row!;
  });
}

export async function deleteCompany(ctx: Ctx, id: string): Promise<{ id: string }> {
  authorize(ctx, "contacts.delete");
  const before = await getCompany(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(companies).where(and(eq(companies.workspaceId, ctx.workspaceId), eq(companies.id, id)));
    await recordAudit(tx, ctx, { action: "company.delete", entityType: "company", entityId: id, before: { name: before.name, domain: before.domain, contacts: before.contactCount } });
  });
  return { id };
}
