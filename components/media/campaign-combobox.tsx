"use client";
// A campaign picker (ARIA combobox) for attaching an asset: type part of a campaign's name, pick one of the matches.
// Never list every campaign up front: the server returns a few matches per search.
import { useId } from "react";
import { useQuery } from "@tanstack/react-query";
import { Megaphone } from "lucide-react";
import { searchCampaignsAction } from "@/app/(app)/media/actions";
import { ComboboxListbox } from "@/components/ui/combobox-listbox";
import { useCombobox } from "@/components/ui/use-combobox";
import { mediaQueryKeys } from "./media-query-keys";

export interface CampaignOption {
  id: string;
  name: string;
  status: string;
}


export function CampaignCombobox({ id, value, onChange, disabled }: { id: string; value: CampaignOption | null; onChange: (c: CampaignOption | null) => void; disabled?: boolean }) {
  const listId = useId();
  const { text, setText, open, setOpen, active, setActive, q, pick, onKeyDown } = useCombobox<CampaignOption>({
    debounceMs: 200,
    onPick: onChange,
    // Close the list, not the drawer around it.
    containEscape: true,
  });
  const query = useQuery({
    queryKey: mediaQueryKeys.campaigns(q),
    queryFn: async (): Promise<CampaignOption[]> => {
      const res = await searchCampaignsAction({ q });
      if (!res.ok) throw new Error(res.message);
      return res.data;
    },
    enabled: open,
    staleTime: 30_000,
  });
  const options = query.data ?? [];

  return (
    <div className="relative">
      <Megaphone aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
      <input
        id={id}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
        autoComplete="off"
        disabled={disabled}
        value={text ?? value?.name ?? ""}
        placeholder="Search campaigns by name"
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
          if (value) onChange(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setText(null);
          setOpen(false);
        }}
        onKeyDown={(e) => onKeyDown(e, options)}
        className="h-10 w-full rounded-md border border-input bg-card pr-3 pl-9 text-sm placeholder:text-muted-foreground focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring disabled:opacity-60"
      />
      <ComboboxListbox
        listId={listId}
        label="Campaigns"
        open={open}
        className="absolute z-50 mt-1 max-h-60 w-full overflow-y-auto rounded-md border border-border bg-card p-1 shadow-lg"
        searching={query.isFetching && !options.length}
        error={query.isError ? query.error.message : null}
        empty={query.isSuccess && !options.length ? (q ? `No campaign matches “${q}”.` : "No campaigns yet.") : null}
        options={options}
        active={active}
        setActive={setActive}
        pick={pick}
        optionClassName="flex cursor-default items-center justify-between gap-2 rounded px-2 py-1.5 text-sm"
        renderOption={(o) => (
          <>
            <span className="font-medium">{o.name}</span>
            <span className="text-xs text-muted-foreground">{o.status.toLowerCase()}</span>
          </>
        )}
      />
    </div>
  );
}
