// The fields the companies table shows, picked from the engine's company rows so cached pages stay small.
// Never add fields the table does not show.
import type { Company } from "@/db/schema";

export type CompanyListItem = Pick<Company, "id" | "name" | "domain" | "industry" | "employeeCount" | "country"> & { contactCount: number };

export function toCompanyListItem(c: CompanyListItem): CompanyListItem {
  return { id: c.id, name: c.name, domain: c.domain, industry: c.industry, employeeCount: c.employeeCount, country: c.country, contactCount: c.contactCount };
}
