// The contact total's placeholder: one short line where "12,345 contacts" will appear.
// Never put a figure in it.
import { Skeleton } from "@/components/ui/skeleton";

export function ContactsTotalSkeleton() {
  return (
    <div role="status" aria-label="Counting contacts" className="flex h-5 items-center">
      <Skeleton className="h-4 w-32" />
    </div>
  );
}
