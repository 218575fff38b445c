// The contacts table's loading placeholder, shaped like the toolbar and the default columns.
// Never show names or figures in it.
import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export function ContactsTableSkeleton() {
  return (
    <div className="grid gap-3">
      <div className="flex items-center justify-between">
        <Skeleton className="h-4 w-72" />
        <Skeleton className="h-8 w-24" />
      </div>
      <TableSkeleton label="Loading contacts" columns={7} rows={10} />
    </div>
  );
}
