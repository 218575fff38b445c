// Which workspace members an owner picker offers: only those whose role may edit contacts (viewers and approvers may not).
// Never drop the contact's current owner from its own picker: the form would then show, and silently save, someone else.
import { can } from "@/lib/auth/permissions";
import type { OwnerOption } from "./contact-filters";

/** Members a contact may be assigned to; `keep` (the current owner) stays listed whatever their role. A member without a known role stays too. */
export function assignableOwners<T extends OwnerOption>(owners: readonly T[], keep?: string | null): T[] {
  return owners.filter((o) => o.userId === keep || !o.role || can(o.role, "contacts.write"));
}
