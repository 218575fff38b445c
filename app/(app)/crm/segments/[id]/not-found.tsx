// The 404 for a segment id that does not exist in the active workspace.
// Never hint that it may exist elsewhere: another workspace's segment is simply "not found".
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function SegmentNotFound() {
  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">Segment not found</h1>
      <EmptyState
        title="There is no such segment in this workspace"
        description="It may have been deleted, or the link points to a segment in a different workspace."
        action={
          <Link href="/crm/segments" className={buttonClasses({ variant: "outline", size: "sm" })}>
            Back to segments
          </Link>
        }
      />
    </div>
  );
}
