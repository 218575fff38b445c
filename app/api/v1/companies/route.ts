// GET/POST /api/v1/companies: list and create companies.
import { companiesCreateRoute, companiesListRoute } from "@/lib/api/specs/crm";
import { createCompany, listCompanies } from "@/lib/crm";
import { companyToJson } from "@/lib/crm/json";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = handle(companiesListRoute, async ({ ctx, query }) => {
  const page = await listCompanies(ctx, query);
  return { items: page.items.map(companyToJson), nextCursor: page.nextCursor };
});

export const POST = handle(companiesCreateRoute, async ({ ctx, body }) => companyToJson(await createCompany(ctx, body)));
