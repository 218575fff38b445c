// Starting a CSV import: upload, check the detected column mapping, choose what happens to existing emails, start.
// Never show the wizard to a role without contacts.import; the endpoints refuse it anyway.
import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { MAX_IMPORT_BYTES } from "@/lib/crm/import";
import { ImportWizard } from "@/components/crm/import-wizard";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getPageCtx } from "../../../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Import contacts · CRM" };

export default async function NewImportPage() {
  const ctx = await getPageCtx();
  return (
    <>
      <Link href="/crm/imports" className="mb-3 inline-flex items-center gap-1 rounded text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft aria-hidden className="size-4" />
        Imports
      </Link>
      <PageHeader title="Import contacts" description="From a CSV exported by a spreadsheet or another CRM." />
      {can(ctx.role, "contacts.import") ? (
        <ImportWizard maxBytes={MAX_IMPORT_BYTES} />
      ) : (
        <EmptyState title="Your role cannot import contacts" description={`As ${ROLE_LABELS[ctx.role]} you can see past imports. Ask a marketer or a manager to import.`} />
      )}
    </>
  );
}
