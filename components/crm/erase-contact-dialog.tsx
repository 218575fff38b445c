"use client";
// GDPR erasure behind a typed confirmation: the user types ERASE, then the contact and everything about it is removed for good.
// Never enable the erase button before the word is typed exactly, and never keep the user on a page whose contact is gone.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { AlertDialog } from "radix-ui";
import { Eraser } from "lucide-react";
import { eraseContactAction } from "@/app/(app)/crm/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { refreshContactLists } from "./refresh-contacts";

const WORD = "ERASE";

export function EraseContactDialog({ contactId, name }: { contactId: string; name: string }) {
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function erase() {
    startTransition(async () => {
      try {
        const res = await eraseContactAction({ id: contactId });
        if (!res.ok) return setError(res.message);
        void refreshContactLists(queryClient);
        toast.success(`${name} was erased. The audit log keeps only a tombstone.`);
        setOpen(false);
        router.push("/crm");
      } catch {
        setError("The server could not be reached. Nothing was erased.");
      }
    });
  }

  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) {
          setTyped("");
          setError(null);
        }
      }}
    >
      <AlertDialog.Trigger asChild>
        <Button variant="danger-outline" size="sm">
          <Eraser aria-hidden className="size-4" />
          Erase…
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-50 bg-black/50" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 grid w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 gap-4 rounded-lg border border-border bg-card p-6 shadow-xl">
          <AlertDialog.Title className="text-lg font-semibold">Erase {name}?</AlertDialog.Title>
          <AlertDialog.Description className="text-sm text-muted-foreground">
            This removes the contact, its timeline, notes, stage history and segment memberships, for everyone and for good. It cannot be
            undone. Use it for a data-subject erasure request.
          </AlertDialog.Description>
          <form
            className="grid gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              if (typed === WORD) erase();
            }}
          >
            <div className="grid gap-1.5">
              <label htmlFor="erase-confirm" className="text-sm font-medium">
                Type {WORD} to confirm
              </label>
              <Input id="erase-confirm" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
            </div>
            <FormError message={error} />
            <div className="flex justify-end gap-2">
              <AlertDialog.Cancel asChild>
                <Button variant="outline">Cancel</Button>
              </AlertDialog.Cancel>
              <Button type="submit" variant="danger" disabled={typed !== WORD} pending={pending}>
                Erase for good
              </Button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
