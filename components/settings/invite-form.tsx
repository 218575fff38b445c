"use client";
// Invites someone by email with a role, then shows the invitation link to share (no mail server is assumed).
// Never offer a role above the inviter's own; the engine refuses it anyway.
import { useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { createInvitationSchema } from "@/lib/workspaces/schemas";
import { queryKeys } from "@/lib/query-keys";
import { createInvitationAction } from "@/app/(app)/settings/actions";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input, NativeSelect } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useActionForm } from "@/components/ui/use-action-form";

const FIELDS = ["email", "role"] as const;

export function InviteForm({ roles }: { roles: Role[] }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>(roles.includes("marketer") ? "marketer" : (roles[roles.length - 1] ?? "viewer"));
  const [created, setCreated] = useState<{ email: string; url: string } | null>(null);
  const form = useActionForm({
    schema: createInvitationSchema,
    action: createInvitationAction,
    fields: FIELDS,
    onSuccess: (inv) => {
      setCreated({ email: inv.email, url: inv.url });
      setEmail("");
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit.all });
      toast.success(`Invitation for ${inv.email} created. Share the link with them.`);
    },
  });

  return (
    <div className="grid gap-4">
      <form
        ref={formRef}
        noValidate
        aria-label="Invite a member"
        className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start"
        onSubmit={(e) => {
          e.preventDefault();
          setCreated(null);
          form.submit({ email, role }, formRef.current);
        }}
      >
        <div className="sm:col-span-3">
          <FormError message={form.formError} />
        </div>
        <Field id="invite-email" label="Email" error={form.errorFor("email")}>
          {(c) => <Input {...c} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field id="invite-role" label="Role" error={form.errorFor("role")}>
          {(c) => (
            <NativeSelect {...c} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </NativeSelect>
          )}
        </Field>
        <div className="sm:pt-6.5">
          <Button type="submit" pending={form.pending}>
            Create invitation
          </Button>
        </div>
      </form>
      {created ? (
        <div className="grid gap-2 rounded-md border border-success/40 bg-success/5 p-4">
          <p className="text-sm">
            Send this link to <strong>{created.email}</strong>. It works once and expires in 7 days.
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <label htmlFor="new-invite-link" className="sr-only">
              Invitation link
            </label>
            <Input id="new-invite-link" readOnly value={created.url} className="flex-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
            <CopyButton value={created.url} label="Copy link" inputId="new-invite-link" />
          </div>
        </div>
      ) : null}
    </div>
  );
}
