"use client";
// Creates a workspace API key and shows the plaintext key exactly once, in a dialog with a copy button and a warning.
// Never keep the key after the dialog closes, and never send it anywhere but the clipboard.
import { useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Dialog } from "radix-ui";
import { TriangleExclamationPoint } from "lucide-react";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { createApiKeySchema } from "@/lib/workspaces/schemas";
import { queryKeys } from "@/lib/query-keys";
import { createApiKeyAction } from "@/app/(app)/settings/actions";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input, NativeSelect } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useActionForm } from "@/components/ui/use-action-form";

const FIELDS = ["name", "role"] as const;

export function CreateApiKey({ roles }: { roles: Role[] }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>(roles.includes("viewer") ? "viewer" : (roles[0] ?? "viewer"));
  const [created, setCreated] = useState<{ key: string; name: string; role: Role } | null>(null);
  const form = useActionForm({
    schema: createApiKeySchema,
    action: createApiKeyAction,
    fields: FIELDS,
    onSuccess: ({ key, apiKey }) => {
      setCreated({ key, name: apiKey.name, role });
      setName("");
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit.all });
      toast.success(`API key “${apiKey.name}” created.`);
    },
  });

  return (
    <>
      <form
        ref={formRef}
        noValidate
        aria-label="Create an API key"
        className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start"
        onSubmit={(e) => {
          e.preventDefault();
          form.submit({ name, role }, formRef.current);
        }}
      >
        <div className="sm:col-span-3">
          <FormError message={form.formError} />
        </div>
        <Field id="key-name" label="Key name" hint="Say where it is used, e.g. “Zapier sync”." error={form.errorFor("name")}>
          {(c) => <Input {...c} autoComplete="off" maxLength={60} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field id="key-role" label="Acts as" error={form.errorFor("role")}>
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
            Create key
          </Button>
        </div>
      </form>

      <Dialog.Root open={created !== null} onOpenChange={(open) => (open ? null : setCreated(null))}>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-50 bg-black/50" />
          <Dialog.Content className="fixed top-1/2 left-1/2 z-50 grid w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 gap-4 rounded-lg border border-border bg-card p-6 shadow-xl">
            <Dialog.Title className="text-lg font-semibold">Your new API key</Dialog.Title>
            <Dialog.Description className="text-sm text-muted-foreground">
              “{created?.name}” acts as {created ? ROLE_LABELS[created.role] : ""} in this workspace. Send it as{" "}
              <code className="font-mono text-xs">Authorization: Bearer …</code>.
            </Dialog.Description>
            <div role="alert" className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
              <TriangleExclamationPoint aria-hidden className="mt-0.5 size-4 shrink-0" />
              <p>Copy it now. This is the only time it is shown; AICMO keeps only a hash and cannot show it again.</p>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <label htmlFor="new-api-key" className="sr-only">
                API key
              </label>
              <Input id="new-api-key" readOnly value={created?.key ?? ""} className="flex-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
              {created ? <CopyButton value={created.key} label="Copy key" inputId="new-api-key" /> : null}
            </div>
            <div className="flex justify-end">
              <Dialog.Close asChild>
                <Button>I have copied it</Button>
              </Dialog.Close>
            </div>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </>
  );
}
