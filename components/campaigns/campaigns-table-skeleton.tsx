// The campaigns table's loading placeholder.
// Never show figures in it.
import { TableSkeleton } from "@/components/ui/skeleton";

export function CampaignsTableSkeleton() {
  return <TableSkeleton label="Loading campaigns" columns={6} rows={8} />;
}
