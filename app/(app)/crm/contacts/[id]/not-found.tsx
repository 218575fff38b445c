// The 404 for a contact id that does not exist in the active workspace (deleted, erased, merged away, or never here).
// Never hint that it may exist elsewhere: another workspace's contact is simply "not found".
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function ContactNotFound() {
  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">Contact not found</h1>
      <EmptyState
        title="There is no such contact in this workspace"
        description="It may have been deleted, erased or merged into another contact, or the link points to a different workspace."
        action={
          <Link href="/crm" className={buttonClasses({ variant: "outline", size: "sm" })}>
            Back to contacts
          </Link>
        }
      />
    </div>
  );
}
