"use client";
// Picks the library the grid shows and uploads go into (?library=<id>; "All libraries" shows every one), and offers
// "New library". Never upload without a library: with "All libraries" the first library takes uploads, and says so.
import Link from "next/link";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useQueryStates } from "nuqs";
import { FolderPlus } from "lucide-react";
import { createLibraryAction } from "@/app/(app)/media/actions";
import { CrmDialog } from "@/components/crm/crm-dialog";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { formatBytes } from "./media-format";
import { mediaSearchParams } from "./media-search-params";

export interface LibraryOption {
  id: string;
  name: string;
  assetCount: number;
  totalBytes: number;
}

export function LibrarySwitcher({ libraries, canWrite }: { libraries: LibraryOption[]; canWrite: boolean }) {
  const [pending, startTransition] = useTransition();
  const [params, setParams] = useQueryStates(mediaSearchParams, { shallow: false, startTransition });
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="grid gap-1">
        <label htmlFor="media-library" className="text-xs font-medium text-muted-foreground">
          Library
        </label>
        <NativeSelect id="media-library" className="min-w-56" aria-busy={pending} value={params.library ?? ""} onChange={(e) => void setParams({ library: e.target.value || null })}>
          <option value="">All libraries</option>
          {libraries.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name} ({l.assetCount} · {formatBytes(l.totalBytes)})
            </option>
          ))}
        </NativeSelect>
      </div>
      {canWrite ? <NewLibraryDialog onCreated={(id) => void setParams({ library: id })} /> : null}
      <Link href="/media/libraries" className={buttonClasses({ variant: "ghost" })}>
        Manage libraries
      </Link>
    </div>
  );
}

export function NewLibraryDialog({ onCreated, primary }: { onCreated?: (id: string) => void; primary?: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <CrmDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) {
          setName("");
          setDescription("");
          setErrors({});
          setMessage(null);
        }
      }}
      trigger={
        <Button variant={primary ? "primary" : "outline"}>
          <FolderPlus aria-hidden className="size-4" />
          New library
        </Button>
      }
      title="New library"
      description="A library groups assets, for example per brand or project."
    >
      <form
        className="grid gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          startTransition(async () => {
            const res = await createLibraryAction({ name, description });
            if (!res.ok) {
              setErrors(res.fieldErrors ?? {});
              setMessage(res.fieldErrors ? null : res.message);
              return;
            }
            toast.success(`Created the library “${res.data.name}”.`);
            setOpen(false);
            if (onCreated) onCreated(res.data.id);
            else router.push(`/media?library=${res.data.id}`);
            router.refresh();
          });
        }}
      >
        <FormError message={message} />
        <Field id="library-name" label="Name" error={errors.name?.[0]}>
          {(control) => <Input {...control} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required autoFocus />}
        </Field>
        <Field id="library-description" label="Description" hint="Optional." error={errors.description?.[0]}>
          {(control) => <Textarea {...control} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />}
        </Field>
        <div className="flex justify-end gap-2">
          <Button variant="outline" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button type="submit" pending={pending}>
            Create library
          </Button>
        </div>
      </form>
    </CrmDialog>
  );
}
