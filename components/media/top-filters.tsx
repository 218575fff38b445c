"use client";
// Channel, aspect-ratio, kind and library pickers of the "Top performers" page, kept in the URL; the server list reloads.
import { useTransition } from "react";
import { useQueryStates } from "nuqs";
import { NativeSelect } from "@/components/ui/input";
import { MEDIA_KINDS } from "@/lib/media/constants";
import { ASPECTS } from "@/lib/media/performance-math";
import { channelLabel } from "./asset-insights";
import { KIND_LABELS } from "./media-format";
import { topSearchParams } from "./top-search-params";

export function TopFilters({ channels, libraries }: { channels: string[]; libraries: { id: string; name: string }[] }) {
  const [pending, startTransition] = useTransition();
  const [params, setParams] = useQueryStates(topSearchParams, { shallow: false, startTransition });
  const known = params.channel && !channels.includes(params.channel) ? [params.channel, ...channels] : channels;
  return (
    <div className="flex flex-wrap items-end gap-3" aria-busy={pending}>
      <div className="grid gap-1">
        <label htmlFor="top-channel" className="text-xs font-medium text-muted-foreground">
          Channel
        </label>
        <NativeSelect id="top-channel" className="min-w-40" value={params.channel ?? ""} onChange={(e) => void setParams({ channel: e.target.value || null })}>
          <option value="">All channels</option>
          {known.map((c) => (
            <option key={c} value={c}>
              {channelLabel(c)}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1">
        <label htmlFor="top-aspect" className="text-xs font-medium text-muted-foreground">
          Aspect ratio
        </label>
        <NativeSelect
          id="top-aspect"
          className="min-w-32"
          value={params.aspect ?? ""}
          onChange={(e) => void setParams({ aspect: (e.target.value || null) as (typeof ASPECTS)[number] | null })}
        >
          <option value="">Any shape</option>
          {ASPECTS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1">
        <label htmlFor="top-kind" className="text-xs font-medium text-muted-foreground">
          Type
        </label>
        <NativeSelect
          id="top-kind"
          className="min-w-32"
          value={params.kind ?? ""}
          onChange={(e) => void setParams({ kind: (e.target.value || null) as (typeof MEDIA_KINDS)[number] | null })}
        >
          <option value="">Any type</option>
          {MEDIA_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k] ?? k}
            </option>
          ))}
        </NativeSelect>
      </div>
      {libraries.length > 1 ? (
        <div className="grid gap-1">
          <label htmlFor="top-library" className="text-xs font-medium text-muted-foreground">
            Library
          </label>
          <NativeSelect id="top-library" className="min-w-40" value={params.library ?? ""} onChange={(e) => void setParams({ library: e.target.value || null })}>
            <option value="">All libraries</option>
            {libraries.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </NativeSelect>
        </div>
      ) : null}
    </div>
  );
}
