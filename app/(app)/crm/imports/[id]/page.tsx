// One CSV import: its live progress (polled until it settles), results, error report and cancel.
// Never tell an unknown id from another workspace's id: both are a 404.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import type { ContactImport } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { listCustomFields } from "@/lib/crm";
import { getImport, importToJson } from "@/lib/crm/import";
import { NotFoundError } from "@/lib/errors";
import { getWorkspace } from "@/lib/workspaces";
import { ImportProgress } from "@/components/crm/import-progress";
import { PageHeader } from "@/components/ui/page-header";
import { getPageCtx } from "../../../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Import · CRM" };

export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await getPageCtx();
  const { id } = await params;
  let imp: ContactImport;
  try {
    imp = await getImport(ctx, id);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const [workspace, customFields] = await Promise.all([getWorkspace(ctx), listCustomFields(ctx, { entity: "contact" })]);
  // Columns mapped to custom.<key> are named with the field's label, as the mapping step named them.
  const customLabels = Object.fromEntries(customFields.map((f) => [f.key, f.label]));
  return (
    <>
      <Link href="/crm/imports" className="mb-3 inline-flex items-center gap-1 rounded text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft aria-hidden className="size-4" />
        Imports
      </Link>
      <PageHeader title={`Import of ${imp.fileName}`} description="Progress updates on its own; you can leave this page and come back." />
      <ImportProgress initial={importToJson(imp)} canImport={can(ctx.role, "contacts.import")} timeZone={workspace.timezone} customLabels={customLabels} />
    </>
  );
}
