// One contact: header, editable fields with provenance, lifecycle with history, consent, GDPR export/erase, notes and the timeline.
// Never tell an unknown id from another workspace's id: both are a 404.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft, Ban, Building, Mail } from "lucide-react";
import { can } from "@/lib/auth/permissions";
import { getContact, type ContactRow } from "@/lib/crm";
import { NotFoundError } from "@/lib/errors";
import { getWorkspace, listMembers } from "@/lib/workspaces";
import { LifecycleLoader, TimelineLoader } from "@/components/crm/contact-activity-loaders";
import { ContactDetailsCard } from "@/components/crm/contact-details-card";
import { EnrichContactButton } from "@/components/crm/enrich-contact-button";
import { ConsentCard } from "@/components/crm/consent-card";
import { contactDisplayName } from "@/components/crm/crm-format";
import { NoteComposer } from "@/components/crm/note-composer";
import { PrivacyCard } from "@/components/crm/privacy-card";
import { isLifecycleStage, StageBadge } from "@/components/crm/stage-badge";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../../../page-ctx";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const ctx = await getPageCtx();
  const { id } = await params;
  const c = await getContact(ctx, id).catch(() => null);
  return { title: c ? contactDisplayName(c) : "Contact" };
}

export default async function ContactPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await getPageCtx();
  const { id } = await params;
  let contact: ContactRow;
  try {
    contact = await getContact(ctx, id);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const [members, workspace] = await Promise.all([listMembers(ctx), getWorkspace(ctx)]);
  const owners = members.map(({ userId, name, email, role }) => ({ userId, name, email, role }));
  const timeZone = workspace.timezone;
  const name = contactDisplayName(contact);
  const canWrite = can(ctx.role, "contacts.write");
  const stage = isLifecycleStage(contact.lifecycleStage) ? contact.lifecycleStage : "other";

  return (
    <>
      <Link href="/crm" className="mb-3 inline-flex items-center gap-1 rounded text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft aria-hidden className="size-4" />
        Contacts
      </Link>
      <PageHeader
        title={name}
        description={
          <span className="inline-flex flex-wrap items-center gap-x-3 gap-y-1">
            <StageBadge stage={contact.lifecycleStage} />
            {contact.email && name !== contact.email ? (
              <span className="inline-flex items-center gap-1">
                <Mail aria-hidden className="size-3.5" />
                {contact.email}
              </span>
            ) : null}
            {contact.companyId && contact.companyName ? (
              <Link href={`/crm/companies/${contact.companyId}`} className="inline-flex items-center gap-1 underline-offset-2 hover:underline">
                <Building aria-hidden className="size-3.5" />
                {contact.companyName}
              </Link>
            ) : null}
            {contact.title ? <span>{contact.title}</span> : null}
            {contact.doNotContact ? (
              <Badge tone="danger">
                <Ban aria-hidden className="mr-1 size-3" />
                Do not contact
              </Badge>
            ) : null}
          </span>
        }
        actions={canWrite ? <EnrichContactButton contactId={contact.id} /> : null}
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,24rem)_minmax(0,1fr)]">
        <div className="grid content-start gap-6">
          <ContactDetailsCard
            key={contact.updatedAt.toISOString()}
            contact={{
              id: contact.id,
              email: contact.email,
              firstName: contact.firstName,
              lastName: contact.lastName,
              phone: contact.phone,
              title: contact.title,
              seniority: contact.seniority,
              department: contact.department,
              companyId: contact.companyId,
              companyName: contact.companyName,
              ownerUserId: contact.ownerUserId,
              source: contact.source,
              country: contact.country,
              timezone: contact.timezone,
              tags: contact.tags,
              score: contact.score,
              tier: contact.tier,
              ltvMinor: contact.ltvMinor,
              custom: contact.custom,
              provenance: contact.provenance,
              createdAt: contact.createdAt,
              updatedAt: contact.updatedAt,
            }}
            owners={owners}
            timeZone={timeZone}
            canWrite={canWrite}
          />
          <WidgetBoundary title="The lifecycle history" fallback={<CardSkeleton label="Loading the lifecycle history" lines={4} />}>
            <LifecycleLoader ctx={ctx} contactId={contact.id} stage={stage} timeZone={timeZone} />
          </WidgetBoundary>
          <ConsentCard
            key={`${contact.emailConsent}-${contact.doNotContact}`}
            contactId={contact.id}
            email={contact.email}
            emailConsent={contact.emailConsent}
            doNotContact={contact.doNotContact}
            canWrite={canWrite}
          />
          <PrivacyCard contactId={contact.id} name={name} canExport={can(ctx.role, "contacts.export")} canErase={can(ctx.role, "contacts.delete")} />
        </div>
        <div className="grid content-start gap-6">
          {canWrite ? <NoteComposer contactId={contact.id} /> : null}
          <WidgetBoundary title="The timeline" fallback={<CardSkeleton label="Loading the timeline" lines={8} />}>
            <TimelineLoader ctx={ctx} contactId={contact.id} timeZone={timeZone} />
          </WidgetBoundary>
        </div>
      </div>
    </>
  );
}
