"use client";
// Picks the library the statistics describe (?library=<id>, empty for the whole workspace); the server page reloads.
import { useTransition } from "react";
import { useQueryStates } from "nuqs";
import { NativeSelect } from "@/components/ui/input";
import { statsSearchParams } from "./stats-search-params";

export function StatsLibraryPicker({ libraries }: { libraries: { id: string; name: string }[] }) {
  const [pending, startTransition] = useTransition();
  const [params, setParams] = useQueryStates(statsSearchParams, { shallow: false, startTransition });
  return (
    <div className="grid gap-1">
      <label htmlFor="stats-library" className="text-xs font-medium text-muted-foreground">
        Library
      </label>
      <NativeSelect id="stats-library" className="min-w-56" aria-busy={pending} value={params.library ?? ""} onChange={(e) => void setParams({ library: e.target.value || null })}>
        <option value="">All libraries</option>
        {libraries.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}
