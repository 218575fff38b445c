// What the campaigns list shows when there are none, or none match the filters.
// Never offer "New campaign" to a role that cannot create one.
import Link from "next/link";
import { Megaphone, Plus } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export function CampaignsEmptyState({ filtered, canWrite }: { filtered: boolean; canWrite: boolean }) {
  if (filtered) {
    return (
      <EmptyState
        icon={<Megaphone aria-hidden />}
        title="No campaigns match these filters"
        description="Try another search term or status."
        action={
          <Link href="/campaigns" className={buttonClasses({ variant: "outline", size: "sm" })}>
            Clear filters
          </Link>
        }
      />
    );
  }
  return (
    <EmptyState
      icon={<Megaphone aria-hidden />}
      title="No campaigns yet"
      description="Campaigns tie budgets, posts, ads and results together. Start with the one you are planning next."
      action={
        canWrite ? (
          <Link href="/campaigns/new" className={buttonClasses({ size: "sm" })}>
            <Plus aria-hidden className="size-4" />
            New campaign
          </Link>
        ) : (
          <p className="text-sm text-muted-foreground">Your role can view campaigns but not create them.</p>
        )
      }
    />
  );
}
