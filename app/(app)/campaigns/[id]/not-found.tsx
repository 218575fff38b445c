// The 404 for a campaign id that does not exist in the active workspace.
// Never hint that it may exist elsewhere: another workspace's campaign is simply "not found".
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function CampaignNotFound() {
  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">Campaign not found</h1>
      <EmptyState
        title="There is no such campaign in this workspace"
        description="It may have been deleted, or the link points to a campaign in a different workspace. Switch workspace if you expected to see it."
        action={
          <Link href="/campaigns" className={buttonClasses({ variant: "outline", size: "sm" })}>
            Back to campaigns
          </Link>
        }
      />
    </div>
  );
}
