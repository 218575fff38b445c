// The merge screen for two contacts (?a=…&b=…): side-by-side fields, the surviving record, a pick per field, preview, confirm.
// Never show it for an unknown or foreign id (404), and never to a role that cannot merge (it needs contacts.write and .delete).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { getContact, MERGE_FIELDS, type ContactRow } from "@/lib/crm";
import { NotFoundError } from "@/lib/errors";
import { getWorkspace, listMembers } from "@/lib/workspaces";
import { MergeScreen, type MergeContact } from "@/components/crm/merge-screen";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getPageCtx } from "../../../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Merge contacts · CRM" };

function one(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

function toMergeContact(c: ContactRow): MergeContact {
  const values = Object.fromEntries(MERGE_FIELDS.map((f) => [f, c[f] ?? null])) as Pick<MergeContact, (typeof MERGE_FIELDS)[number]>;
  return { ...values, id: c.id, companyName: c.companyName, tags: c.tags, createdAt: c.createdAt };
}

export default async function MergePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageCtx();
  const sp = await searchParams;
  const ids = [one(sp.a), one(sp.b)];
  if (ids[0] === ids[1]) notFound();
  let pair: [ContactRow, ContactRow];
  try {
    pair = await Promise.all([getContact(ctx, ids[0]!), getContact(ctx, ids[1]!)]);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const canMerge = can(ctx.role, "contacts.write") && can(ctx.role, "contacts.delete");
  const [members, workspace] = await Promise.all([listMembers(ctx), getWorkspace(ctx)]);

  return (
    <>
      <Link href="/crm/duplicates" className="mb-3 inline-flex items-center gap-1 rounded text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft aria-hidden className="size-4" />
        Duplicates
      </Link>
      <PageHeader title="Merge contacts" description="Keep one record with the best of both. The other is removed; nothing it carried is lost." />
      {canMerge ? (
        <MergeScreen
          a={toMergeContact(pair[0])}
          b={toMergeContact(pair[1])}
          ownerNames={Object.fromEntries(members.map((m) => [m.userId, m.name]))}
          timeZone={workspace.timezone}
        />
      ) : (
        <EmptyState
          title="Your role cannot merge contacts"
          description={`Merging removes a contact, which needs a manager. As ${ROLE_LABELS[ctx.role]} you can review the two contacts from the duplicates list.`}
        />
      )}
    </>
  );
}
