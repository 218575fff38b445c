"use client";
// The workspace's general settings form: name and time zone (IANA), saved through the settings action.
// Never offer a time zone the runtime does not know; the list comes from Intl.supportedValuesOf on the server.
import { useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { updateWorkspaceSchema } from "@/lib/workspaces/schemas";
import { queryKeys } from "@/lib/query-keys";
import { updateWorkspaceAction } from "@/app/(app)/settings/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input, NativeSelect } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useActionForm } from "@/components/ui/use-action-form";

const FIELDS = ["name", "timezone"] as const;

export function GeneralForm({
  name: initialName,
  timezone: initialTimezone,
  timezones,
  canEdit,
}: {
  name: string;
  timezone: string;
  timezones: string[];
  canEdit: boolean;
}) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(initialName);
  const [timezone, setTimezone] = useState(initialTimezone);
  const form = useActionForm({
    schema: updateWorkspaceSchema,
    action: updateWorkspaceAction,
    fields: FIELDS,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit.all });
      toast.success("Workspace settings saved.");
    },
  });

  return (
    <form
      ref={formRef}
      noValidate
      className="grid max-w-xl gap-5"
      aria-label="General settings"
      onSubmit={(e) => {
        e.preventDefault();
        form.submit({ name, timezone }, formRef.current);
      }}
    >
      <FormError message={form.formError} />
      {!canEdit ? <p className="text-sm text-muted-foreground">Only owners and admins can change these settings.</p> : null}
      <Field id="ws-name" label="Workspace name" error={form.errorFor("name")}>
        {(c) => <Input {...c} value={name} disabled={!canEdit} maxLength={80} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field id="ws-timezone" label="Time zone" hint="Calendars, schedules and daily figures use this zone." error={form.errorFor("timezone")}>
        {(c) => (
          <NativeSelect {...c} value={timezone} disabled={!canEdit} onChange={(e) => setTimezone(e.target.value)}>
            {timezones.map((tz) => (
              <option key={tz} value={tz}>
                {tz.replace(/_/g, " ")}
              </option>
            ))}
          </NativeSelect>
        )}
      </Field>
      {canEdit ? (
        <div>
          <Button type="submit" pending={form.pending}>
            Save settings
          </Button>
        </div>
      ) : null}
    </form>
  );
}
