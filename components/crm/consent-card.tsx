"use client";
// A contact's consent: email opt-in or opt-out and the do-not-contact flag, which publishing and sends must honour.
// Never save on every click: a change is saved once, with one timeline entry, when the user presses Save.
import { useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ShieldCheck } from "lucide-react";
import { EMAIL_CONSENT } from "@/lib/crm/schemas";
import { setConsentAction } from "@/app/(app)/crm/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { useToast } from "@/components/ui/toast";
import { CONSENT_LABELS, isEmailConsent, type EmailConsent } from "./crm-format";
import { crmQueryKeys } from "@/lib/query-keys";
import { refreshContactLists } from "./refresh-contacts";

const HINTS: Record<EmailConsent, string> = {
  unknown: "No answer recorded; the workspace's sending rules decide.",
  opted_in: "Agreed to receive marketing email.",
  opted_out: "Asked not to receive marketing email.",
};

export function ConsentCard({
  contactId,
  email,
  emailConsent,
  doNotContact,
  canWrite,
}: {
  contactId: string;
  email: string | null;
  emailConsent: string;
  doNotContact: boolean;
  canWrite: boolean;
}) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const saved = { emailConsent: isEmailConsent(emailConsent) ? emailConsent : "unknown", doNotContact } as const;
  const [consent, setConsent] = useState<EmailConsent>(saved.emailConsent);
  const [dnc, setDnc] = useState(doNotContact);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const dirty = consent !== saved.emailConsent || dnc !== saved.doNotContact;
  // The same rule as the engine's mayEmail (lib/crm/consent.ts), which client code cannot import.
  const mayEmail = Boolean(email) && !doNotContact && saved.emailConsent !== "opted_out";

  function save(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    startTransition(async () => {
      try {
        const res = await setConsentAction({
          id: contactId,
          ...(consent !== saved.emailConsent ? { emailConsent: consent } : {}),
          ...(dnc !== saved.doNotContact ? { doNotContact: dnc } : {}),
        });
        if (!res.ok) return setError(res.message);
        toast.success("Consent saved.");
        void queryClient.invalidateQueries({ queryKey: crmQueryKeys.timeline.contact(contactId) });
        void refreshContactLists(queryClient);
      } catch {
        setError("The server could not be reached. Check your connection and try again.");
      }
    });
  }

  return (
    <Card aria-labelledby="contact-consent">
      <CardHeader
        titleId="contact-consent"
        title="Consent"
        actions={mayEmail ? <Badge tone="success">May be emailed</Badge> : <Badge tone="danger">Do not email</Badge>}
      />
      <CardBody>
        <form onSubmit={save} className="grid gap-4" aria-label="Consent">
          <fieldset className="grid gap-2" disabled={!canWrite}>
            <legend className="mb-1 text-sm font-medium">Marketing email</legend>
            {EMAIL_CONSENT.map((c) => (
              <label key={c} className="flex items-start gap-2 text-sm">
                <input type="radio" name="email-consent" className="mt-0.5 accent-primary" checked={consent === c} onChange={() => setConsent(c)} />
                <span>
                  <span className="font-medium">{CONSENT_LABELS[c]}</span>
                  <span className="block text-xs text-muted-foreground">{HINTS[c]}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-0.5 accent-primary" checked={dnc} disabled={!canWrite} onChange={(e) => setDnc(e.target.checked)} />
            <span>
              <span className="font-medium">Do not contact</span>
              <span className="block text-xs text-muted-foreground">Blocks every channel: email, calls and sends, whatever the email consent says.</span>
            </span>
          </label>
          <FormError message={error} />
          {canWrite ? (
            <div>
              <Button type="submit" size="sm" variant="outline" pending={pending} disabled={!dirty}>
                <ShieldCheck aria-hidden className="size-4" />
                Save consent
              </Button>
            </div>
          ) : null}
        </form>
      </CardBody>
    </Card>
  );
}
