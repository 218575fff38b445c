// What the contacts list shows when the workspace has none, or none match the filters: the next useful step.
// Never offer to create contacts to a role that cannot, and never fill the list with samples.
import Link from "next/link";
import { Users } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { OwnerOption } from "./contact-filters";
import { NewContactDialog } from "./new-contact-dialog";

export function ContactsEmptyState({
  filtered,
  canWrite,
  owners,
  currentUserId,
  importHref,
}: {
  filtered: boolean;
  canWrite: boolean;
  owners: OwnerOption[];
  currentUserId: string;
  /** Where CSV imports start, when the import pipeline is available. */
  importHref?: string;
}) {
  if (filtered) {
    return (
      <EmptyState
        icon={<Users aria-hidden />}
        title="No contacts match these filters"
        description="Try another search, or clear a filter. Search matches the start of a first name, last name or email."
        action={
          <Link href="/crm" className={buttonClasses({ variant: "outline", size: "sm" })}>
            Clear filters
          </Link>
        }
      />
    );
  }
  return (
    <EmptyState
      icon={<Users aria-hidden />}
      title="No contacts yet"
      description={
        <>
          Contacts are the people your campaigns reach. Add one by hand, {importHref ? "import a CSV, " : ""}or send them from your site through the{" "}
          <Link href="/docs/api" className="underline underline-offset-2">
            REST API
          </Link>{" "}
          (<code className="text-xs">POST /api/v1/contacts</code>).
        </>
      }
      action={
        canWrite ? (
          <div className="flex flex-wrap justify-center gap-2">
            <NewContactDialog owners={owners} currentUserId={currentUserId} size="sm" />
            {importHref ? (
              <Link href={importHref} className={buttonClasses({ variant: "outline", size: "sm" })}>
                Import a CSV
              </Link>
            ) : null}
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">Your role can view contacts but not add them.</p>
        )
      }
    />
  );
}
