// The 404 for an import id that does not exist in the active workspace.
// Never hint that it may exist elsewhere: another workspace's import is simply "not found".
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function ImportNotFound() {
  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">Import not found</h1>
      <EmptyState
        title="There is no such import in this workspace"
        description="The link may point to an import in a different workspace."
        action={
          <Link href="/crm/imports" className={buttonClasses({ variant: "outline", size: "sm" })}>
            Back to imports
          </Link>
        }
      />
    </div>
  );
}
