"use client";
// The media grid's search, filters and sort, kept in the URL (nuqs) so the server renders that view and a link shares it.
// Never keep the open asset or a stale page when filters change: a new filter always starts from the first page.
import Link from "next/link";
import { useState, useTransition } from "react";
import { debounce, useQueryStates } from "nuqs";
import { buttonClasses } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { MEDIA_KINDS, MEDIA_STATUSES } from "@/lib/media/constants";
import { ASSET_SORTS, ORIENTATIONS } from "@/lib/media/schemas";
import { KIND_LABELS, SORT_LABELS, STATUS_LABELS } from "./media-format";
import { ASPECT_OPTIONS, mediaSearchParams } from "./media-search-params";

const LABEL = "text-xs font-medium text-muted-foreground";
const ORIENTATION_LABELS: Record<string, string> = { landscape: "Landscape", portrait: "Portrait", square: "Square" };

export interface UploaderOption {
  userId: string;
  name: string;
}

export function MediaFilters({ uploaders, currentUserId }: { uploaders: UploaderOption[]; currentUserId: string }) {
  const [pending, startTransition] = useTransition();
  const [params, setParams] = useQueryStates(mediaSearchParams, { shallow: false, startTransition });
  const [q, setQ] = useState(params.q);
  const [tags, setTags] = useState(params.tags);
  const [category, setCategory] = useState(params.category);
  const filtered = Boolean(
    params.q || params.kind || params.status || params.tags || params.category || params.orientation || params.aspect || params.from || params.to || params.uploader,
  );
  const set = (patch: Partial<Record<keyof typeof mediaSearchParams, string | null>>) => void setParams(patch as never);

  return (
    <form role="search" aria-label="Filter assets" aria-busy={pending} className="grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-6 lg:items-end" onSubmit={(e) => e.preventDefault()}>
      <div className="col-span-2 grid gap-1">
        <label htmlFor="media-search" className={LABEL}>
          Search
        </label>
        <Input
          id="media-search"
          type="search"
          value={q}
          placeholder="Name, tag or alt text…"
          maxLength={200}
          onChange={(e) => {
            const v = e.target.value;
            setQ(v);
            void setParams({ q: v.trim() ? v : null }, { limitUrlUpdates: v ? debounce(350) : undefined });
          }}
        />
      </div>
      <div className="grid gap-1">
        <label htmlFor="media-kind" className={LABEL}>
          Type
        </label>
        <NativeSelect id="media-kind" value={params.kind ?? ""} onChange={(e) => set({ kind: e.target.value || null })}>
          <option value="">All types</option>
          {MEDIA_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1">
        <label htmlFor="media-status" className={LABEL}>
          Status
        </label>
        <NativeSelect id="media-status" value={params.status ?? ""} onChange={(e) => set({ status: e.target.value || null })}>
          <option value="">Any (not deleted)</option>
          {MEDIA_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s === "DELETED" ? "In the bin" : STATUS_LABELS[s]}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1">
        <label htmlFor="media-sort" className={LABEL}>
          Sort
        </label>
        <NativeSelect id="media-sort" value={params.sort} onChange={(e) => set({ sort: e.target.value })}>
          {ASSET_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s] ?? s}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1">
        <label htmlFor="media-orientation" className={LABEL}>
          Orientation
        </label>
        <NativeSelect id="media-orientation" value={params.orientation ?? ""} onChange={(e) => set({ orientation: e.target.value || null })}>
          <option value="">Any</option>
          {ORIENTATIONS.map((o) => (
            <option key={o} value={o}>
              {ORIENTATION_LABELS[o]}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1">
        <label htmlFor="media-aspect" className={LABEL}>
          Aspect ratio
        </label>
        <NativeSelect id="media-aspect" value={params.aspect ?? ""} onChange={(e) => set({ aspect: e.target.value || null })}>
          <option value="">Any</option>
          {ASPECT_OPTIONS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1">
        <label htmlFor="media-tags" className={LABEL}>
          Tags (all of)
        </label>
        <Input
          id="media-tags"
          value={tags}
          placeholder="summer, hero"
          maxLength={300}
          onChange={(e) => {
            const v = e.target.value;
            setTags(v);
            void setParams({ tags: v.trim() ? v : null }, { limitUrlUpdates: v ? debounce(400) : undefined });
          }}
        />
      </div>
      <div className="grid gap-1">
        <label htmlFor="media-category" className={LABEL}>
          Category
        </label>
        <Input
          id="media-category"
          value={category}
          maxLength={60}
          onChange={(e) => {
            const v = e.target.value;
            setCategory(v);
            void setParams({ category: v.trim() ? v : null }, { limitUrlUpdates: v ? debounce(400) : undefined });
          }}
        />
      </div>
      <div className="grid gap-1">
        <label htmlFor="media-uploader" className={LABEL}>
          Uploaded by
        </label>
        <NativeSelect id="media-uploader" value={params.uploader ?? ""} onChange={(e) => set({ uploader: e.target.value || null })}>
          <option value="">Anyone</option>
          <option value={currentUserId}>Me</option>
          {uploaders
            .filter((u) => u.userId !== currentUserId)
            .map((u) => (
              <option key={u.userId} value={u.userId}>
                {u.name}
              </option>
            ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1">
        <label htmlFor="media-from" className={LABEL}>
          Added from
        </label>
        <Input id="media-from" type="date" value={params.from ?? ""} onChange={(e) => set({ from: e.target.value || null })} />
      </div>
      <div className="grid gap-1">
        <label htmlFor="media-to" className={LABEL}>
          Added to
        </label>
        <Input id="media-to" type="date" value={params.to ?? ""} onChange={(e) => set({ to: e.target.value || null })} />
      </div>
      <div className="flex items-end">
        {filtered ? (
          <Link href={params.library ? `/media?library=${params.library}` : "/media"} className={buttonClasses({ variant: "ghost", size: "sm" })} onClick={() => { setQ(""); setTags(""); setCategory(""); }}>
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}
