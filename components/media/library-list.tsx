"use client";
// The workspace's media libraries with their asset counts and sizes: open one in the grid, rename it, or delete it when
// empty. Never delete a library that holds assets: the engine refuses, and its reason is shown as it is.
import Link from "next/link";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Pencil, Trash } from "lucide-react";
import { deleteLibraryAction, updateLibraryAction } from "@/app/(app)/media/actions";
import { CrmDialog } from "@/components/crm/crm-dialog";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input, Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { formatBytes, formatDateTime } from "./media-format";

export interface LibraryRow {
  id: string;
  name: string;
  description: string;
  assetCount: number;
  totalBytes: number;
  createdAt: string;
}

function RenameLibraryDialog({ library }: { library: LibraryRow }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(library.name);
  const [description, setDescription] = useState(library.description);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <CrmDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) {
          setName(library.name);
          setDescription(library.description);
          setError(null);
        }
      }}
      trigger={
        <Button variant="ghost" size="icon" aria-label={`Edit ${library.name}`}>
          <Pencil aria-hidden className="size-4" />
        </Button>
      }
      title="Edit library"
    >
      <form
        className="grid gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          startTransition(async () => {
            const res = await updateLibraryAction({ id: library.id, name, description });
            if (!res.ok) return setError(res.fieldErrors?.name?.[0] ?? res.message);
            toast.success(`Saved “${res.data.name}”.`);
            setOpen(false);
            router.refresh();
          });
        }}
      >
        <FormError message={error} />
        <Field id={`library-${library.id}-name`} label="Name">
          {(c) => <Input {...c} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required autoFocus />}
        </Field>
        <Field id={`library-${library.id}-description`} label="Description">
          {(c) => <Textarea {...c} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />}
        </Field>
        <div className="flex justify-end gap-2">
          <Button variant="outline" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button type="submit" pending={pending}>
            Save
          </Button>
        </div>
      </form>
    </CrmDialog>
  );
}

export function LibraryList({ libraries, canWrite, canDelete }: { libraries: LibraryRow[]; canWrite: boolean; canDelete: boolean }) {
  const router = useRouter();
  const toast = useToast();
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-card">
      <table className="w-full text-sm">
        <thead className="bg-muted text-left text-xs font-semibold tracking-wide text-muted-foreground uppercase">
          <tr>
            <th scope="col" className="px-4 py-2.5">Library</th>
            <th scope="col" className="px-4 py-2.5 text-right">Assets</th>
            <th scope="col" className="px-4 py-2.5 text-right">Size</th>
            <th scope="col" className="px-4 py-2.5">Created</th>
            <th scope="col" className="px-4 py-2.5"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {libraries.map((l) => (
            <tr key={l.id} className="border-t border-border">
              <td className="px-4 py-2.5">
                <Link href={`/media?library=${l.id}`} className="font-medium underline-offset-2 hover:underline">
                  {l.name}
                </Link>
                {l.description ? <p className="text-xs text-muted-foreground">{l.description}</p> : null}
              </td>
              <td className="px-4 py-2.5 text-right tabular-nums">{l.assetCount}</td>
              <td className="px-4 py-2.5 text-right tabular-nums">{formatBytes(l.totalBytes)}</td>
              <td className="px-4 py-2.5 text-muted-foreground">{formatDateTime(l.createdAt)}</td>
              <td className="px-4 py-2.5">
                <div className="flex justify-end gap-1">
                  {canWrite ? <RenameLibraryDialog library={l} /> : null}
                  {canDelete ? (
                    <ConfirmDialog
                      trigger={
                        <Button variant="ghost" size="icon" aria-label={`Delete ${l.name}`}>
                          <Trash aria-hidden className="size-4" />
                        </Button>
                      }
                      title={`Delete “${l.name}”?`}
                      description="Only an empty library can be deleted (assets in the bin count). This cannot be undone."
                      confirmLabel="Delete library"
                      onConfirm={async () => {
                        const res = await deleteLibraryAction({ id: l.id });
                        if (!res.ok) return res.message;
                        toast.success(`Deleted “${l.name}”.`);
                        router.refresh();
                        return null;
                      }}
                    />
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
