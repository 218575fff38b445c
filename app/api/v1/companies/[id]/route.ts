// GET/PATCH/DELETE /api/v1/companies/{id}. Another workspace's company answers 404.
import { companiesDeleteRoute, companiesGetRoute, companiesUpdateRoute } from "@/lib/api/specs/crm";
import { deleteCompany, getCompany, updateCompany } from "@/lib/crm";
import { companyToJson } from "@/lib/crm/json";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = handle(companiesGetRoute, async ({ ctx, params }) => companyToJson(await getCompany(ctx, params.id)));

export const PATCH = handle(companiesUpdateRoute, async ({ ctx, params, body }) =>
  companyToJson(await updateCompany(ctx, { ...body, id: params.id })),
);

export const DELETE = handle(companiesDeleteRoute, async ({ ctx, params }) => deleteCompany(ctx, params.id));
