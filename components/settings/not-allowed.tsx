// What a settings section shows to a role that may not use it.
// Never render the section's data behind this notice.
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { EmptyState } from "@/components/ui/empty-state";

export function NotAllowed({ role, what }: { role: Role; what: string }) {
  return <EmptyState title={`Your role cannot ${what}`} description={`You are a ${ROLE_LABELS[role]} in this workspace. Ask an owner or admin if you need this.`} />;
}
