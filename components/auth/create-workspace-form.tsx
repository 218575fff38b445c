"use client";
// The onboarding form: name a workspace, create it through the server action, and land on its dashboard.
// Never navigate before the action succeeds: the new workspace must be active before the shell renders.
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { createWorkspaceSchema } from "@/lib/auth/schemas";
import { createWorkspaceAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useActionForm } from "@/components/ui/use-action-form";

const FIELDS = ["name"] as const;

export function CreateWorkspaceForm() {
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState("");
  const form = useActionForm({
    schema: createWorkspaceSchema,
    action: createWorkspaceAction,
    fields: FIELDS,
    onSuccess: () => {
      queryClient.clear();
      toast.success(`Workspace “${name.trim()}” created.`);
      router.replace("/dashboard");
      router.refresh();
    },
  });

  return (
    <form
      ref={formRef}
      noValidate
      className="grid gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        form.submit({ name }, formRef.current);
      }}
    >
      <FormError message={form.formError} />
      <Field id="workspace-name" label="Workspace name" hint="Usually your company or team, e.g. “Acme Marketing”." error={form.errorFor("name")}>
        {(c) => <Input {...c} name="name" autoComplete="organization" required value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Button type="submit" pending={form.pending} className="w-full">
        Create workspace
      </Button>
    </form>
  );
}
