// After a contact changes: drop cached contact lists nobody is looking at, and refetch the ones on screen.
// Never only invalidate: a list that mounts again would first show its stale cached pages instead of the server's fresh page.
import type { QueryClient } from "@tanstack/react-query";
import { crmQueryKeys } from "@/lib/query-keys";

export function refreshContactLists(queryClient: QueryClient): Promise<void> {
  queryClient.removeQueries({ queryKey: crmQueryKeys.contacts.all, type: "inactive" });
  return queryClient.invalidateQueries({ queryKey: crmQueryKeys.contacts.all });
}
