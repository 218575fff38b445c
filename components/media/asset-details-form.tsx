"use client";
// Edits an asset's name, tags, category, alt text (with a gateway suggestion the user reviews) and expiry date.
// Never save a suggestion unseen: "Suggest alt text" fills the field; the user saves it (and it then counts as written).
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Sparkles } from "lucide-react";
import { updateAssetAction } from "@/app/(app)/media/actions";
import { suggestAltTextAction } from "@/app/(app)/media/insights/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input, Textarea } from "@/components/ui/input";
import { TagsInput } from "@/components/ui/tags-input";
import { useToast } from "@/components/ui/toast";
import type { AssetJson } from "@/lib/media/schemas";
import { refreshMedia } from "./media-query-keys";

/** The local calendar day of an ISO instant, for a date input. */
function toDay(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function AssetDetailsForm({ asset, canWrite }: { asset: AssetJson; canWrite: boolean }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [name, setName] = useState(asset.name);
  const [tags, setTags] = useState(asset.tags);
  const [category, setCategory] = useState(asset.category ?? "");
  const [altText, setAltText] = useState(asset.altText ?? "");
  const [suggested, setSuggested] = useState(asset.altTextSuggested);
  const [offline, setOffline] = useState(false);
  const [expires, setExpires] = useState(toDay(asset.expiresAt));
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [suggesting, setSuggesting] = useState(false);
  const disabled = !canWrite || asset.status === "DELETED";
  const id = (f: string) => `asset-${asset.id}-${f}`;

  async function suggest() {
    setSuggesting(true);
    try {
      const res = await suggestAltTextAction({ assetId: asset.id });
      if (!res.ok) return toast.error(res.message);
      const text = res.data.altText.trim();
      if (!text) return toast.error("No suggestion came back. Write the alt text yourself.");
      setAltText(text);
      setSuggested(true);
      setOffline(res.data.offline);
    } catch {
      toast.error("The server could not be reached. Try again.");
    } finally {
      setSuggesting(false);
    }
  }

  async function save() {
    setSaving(true);
    setErrors({});
    setMessage(null);
    try {
      const res = await updateAssetAction({
        id: asset.id,
        name,
        tags,
        category,
        altText,
        expiresAt: expires ? new Date(`${expires}T23:59:59`).toISOString() : null,
      });
      if (!res.ok) {
        setErrors(res.fieldErrors ?? {});
        setMessage(res.fieldErrors ? null : res.message);
        return;
      }
      setSuggested(false);
      toast.success("Saved.");
      void refreshMedia(queryClient, asset.id);
    } catch {
      setMessage("The server could not be reached. Try again.");
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="grid gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <FormError message={message} />
      <Field id={id("name")} label="Name" error={errors.name?.[0]}>
        {(c) => <Input {...c} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required disabled={disabled} />}
      </Field>
      <Field id={id("tags")} label="Tags" error={errors.tags?.[0]}>
        {(c) => <TagsInput control={c} value={tags} onChange={setTags} disabled={disabled} max={50} />}
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={id("category")} label="Category" error={errors.category?.[0]}>
          {(c) => <Input {...c} value={category} onChange={(e) => setCategory(e.target.value)} maxLength={60} disabled={disabled} />}
        </Field>
        <Field id={id("expires")} label="Expires on" hint="Archived automatically that day; cannot be attached after." error={errors.expiresAt?.[0]}>
          {(c) => <Input {...c} type="date" value={expires} onChange={(e) => setExpires(e.target.value)} disabled={disabled} />}
        </Field>
      </div>
      <Field
        id={id("alt")}
        label="Alt text"
        hint={
          suggested && altText
            ? offline
              ? "Written from the file's details (no AI provider answered): check it, then save."
              : "Suggested by the AI gateway: check it, then save."
            : "Describes the picture for people using screen readers."
        }
        error={errors.altText?.[0]}
      >
        {(c) => <Textarea {...c} className="min-h-20" value={altText} onChange={(e) => { setAltText(e.target.value); setSuggested(false); }} maxLength={1000} disabled={disabled} />}
      </Field>
      {!disabled ? (
        <div className="flex flex-wrap justify-between gap-2">
          {asset.kind !== "pdf" ? (
            <Button variant="outline" size="sm" pending={suggesting} onClick={() => void suggest()}>
              <Sparkles aria-hidden className="size-4" />
              Suggest alt text
            </Button>
          ) : (
            <span />
          )}
          <Button type="submit" size="sm" pending={saving}>
            Save details
          </Button>
        </div>
      ) : null}
    </form>
  );
}
