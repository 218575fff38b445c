// One company: editable fields with provenance, the AI summary, social profiles, and the contacts who work there.
// Never tell an unknown id from another workspace's id: both are a 404.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { can } from "@/lib/auth/permissions";
import { companyContacts, getCompany, type CompanyRow } from "@/lib/crm";
import { NotFoundError } from "@/lib/errors";
import { getWorkspace, listMembers } from "@/lib/workspaces";
import { CompanyContacts } from "@/components/crm/company-contacts";
import { CompanyDetailsCard } from "@/components/crm/company-details-card";
import { DeleteCompanyButton } from "@/components/crm/delete-company-button";
import { PageHeader } from "@/components/ui/page-header";
import { getPageCtx } from "../../../page-ctx";

export const dynamic = "force-dynamic";

const CONTACTS_SHOWN = 200;

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const ctx = await getPageCtx();
  const { id } = await params;
  const c = await getCompany(ctx, id).catch(() => null);
  return { title: c ? `${c.name} · CRM` : "Company" };
}

export default async function CompanyPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await getPageCtx();
  const { id } = await params;
  let company: CompanyRow;
  try {
    company = await getCompany(ctx, id);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const [people, members, workspace] = await Promise.all([companyContacts(ctx, id, CONTACTS_SHOWN), listMembers(ctx), getWorkspace(ctx)]);
  const owners = members.map(({ userId, name, email, role }) => ({ userId, name, email, role }));
  // Below the cap the list itself is the exact count; at the cap the engine's count says how many more there are.
  const contactTotal = people.length < CONTACTS_SHOWN ? people.length : Math.max(company.contactCount, people.length);

  return (
    <>
      <Link href="/crm/companies" className="mb-3 inline-flex items-center gap-1 rounded text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft aria-hidden className="size-4" />
        Companies
      </Link>
      <PageHeader
        title={company.name}
        description={[company.domain, company.industry, company.country].filter(Boolean).join(" · ") || "No domain or industry yet."}
        actions={can(ctx.role, "contacts.delete") ? <DeleteCompanyButton id={company.id} name={company.name} contactCount={contactTotal} /> : null}
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,24rem)_minmax(0,1fr)]">
        <CompanyDetailsCard
          key={company.updatedAt.toISOString()}
          company={{
            id: company.id,
            name: company.name,
            domain: company.domain,
            domains: company.domains,
            website: company.website,
            industry: company.industry,
            employeeCount: company.employeeCount,
            country: company.country,
            description: company.description,
            ownerUserId: company.ownerUserId,
            summary: company.summary,
            social: company.social,
            custom: company.custom,
            provenance: company.provenance,
            createdAt: company.createdAt,
            updatedAt: company.updatedAt,
          }}
          owners={owners}
          timeZone={workspace.timezone}
          canWrite={can(ctx.role, "contacts.write")}
        />
        <CompanyContacts
          companyId={company.id}
          total={contactTotal}
          contacts={people.map(({ id: cid, email, firstName, lastName, title, lifecycleStage }) => ({ id: cid, email, firstName, lastName, title, lifecycleStage }))}
        />
      </div>
    </>
  );
}
