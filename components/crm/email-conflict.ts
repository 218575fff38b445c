// Puts the server's "a contact with this email already exists" refusal on the Email field, where the user will fix it.
// Never invent the message: the server's own text is moved, not rewritten.
import type { ClientActionResult } from "@/components/ui/use-action-form";

export function withEmailConflictOnField<T>(action: (values: unknown) => Promise<ClientActionResult<T>>) {
  return async (values: unknown): Promise<ClientActionResult<T>> => {
    const res = await action(values);
    if (!res.ok && res.code === "CONTACT_EMAIL_TAKEN") return { ...res, fieldErrors: { ...res.fieldErrors, email: [res.message] } };
    return res;
  };
}
