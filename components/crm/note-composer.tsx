"use client";
// Adds a note to a contact; it appears at the top of the timeline at once.
// Never post an empty note: the engine's addNoteSchema is checked here first and again on the server.
import { useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { StickyNote } from "lucide-react";
import { addNoteSchema } from "@/lib/crm/schemas";
import { addNoteAction } from "@/app/(app)/crm/actions";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useActionForm, type ClientActionResult } from "@/components/ui/use-action-form";
import { crmQueryKeys } from "@/lib/query-keys";

const FIELDS = ["body"] as const;

export function NoteComposer({ contactId }: { contactId: string }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [body, setBody] = useState("");
  const form = useActionForm<{ id: string }>({
    schema: addNoteSchema,
    action: addNoteAction as (values: unknown) => Promise<ClientActionResult<{ id: string }>>,
    fields: FIELDS,
    onSuccess: () => {
      setBody("");
      toast.success("Note added.");
      void queryClient.invalidateQueries({ queryKey: crmQueryKeys.timeline.contact(contactId) });
    },
  });

  return (
    <Card>
      <CardBody>
        <form
          ref={formRef}
          noValidate
          aria-label="New note"
          className="grid gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            form.submit({ contactId, body }, formRef.current);
          }}
        >
          <FormError message={form.formError} />
          <Field id="note-body" label="Add a note" error={form.errorFor("body")}>
            {(c) => (
              <Textarea
                {...c}
                value={body}
                maxLength={10_000}
                placeholder="What happened? Calls, context, next steps…"
                className="min-h-20"
                onChange={(e) => setBody(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
                    e.preventDefault();
                    formRef.current?.requestSubmit();
                  }
                }}
              />
            )}
          </Field>
          <div className="flex items-center justify-between gap-3">
            <p className="text-xs text-muted-foreground">Ctrl+Enter to save.</p>
            <Button type="submit" size="sm" pending={form.pending}>
              <StickyNote aria-hidden className="size-4" />
              Save note
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
