"use client";
// A searchable company picker (ARIA combobox): type to search the workspace's companies by name or domain, pick one or none.
// Never list every company up front: a workspace may hold thousands, so it asks the server for a few matches as you type.
import { useId } from "react";
import { useQuery } from "@tanstack/react-query";
import { Building, X } from "lucide-react";
import { listCompaniesAction } from "@/app/(app)/crm/actions";
import type { FieldControlProps } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { ComboboxListbox } from "@/components/ui/combobox-listbox";
import { useCombobox } from "@/components/ui/use-combobox";
import { crmQueryKeys } from "@/lib/query-keys";

export interface CompanyOption {
  id: string;
  name: string;
  domain?: string | null;
}


export function CompanyCombobox({
  value,
  onChange,
  control,
  id,
  placeholder = "Search companies",
  disabled,
}: {
  value: CompanyOption | null;
  onChange: (company: CompanyOption | null) => void;
  /** From <Field>; when absent, `id` names the input. */
  control?: FieldControlProps;
  id?: string;
  placeholder?: string;
  disabled?: boolean;
}) {
  const listId = useId();
  const { text, setText, open, setOpen, active, setActive, q, pick, onKeyDown } = useCombobox<CompanyOption | null>({ debounceMs: 250, onPick: onChange });

  const query = useQuery({
    queryKey: crmQueryKeys.companies.search(q),
    queryFn: async (): Promise<CompanyOption[]> => {
      const res = await listCompaniesAction({ q: q || undefined, limit: 8 });
      if (!res.ok) throw new Error(res.message);
      return res.data.items.map((c) => ({ id: c.id, name: c.name, domain: c.domain }));
    },
    enabled: open,
    staleTime: 60_000,
  });
  const options = query.data ?? [];
  const shown = text ?? value?.name ?? "";

  const inputId = control?.id ?? id;
  const activeId = open && options[active] ? `${listId}-${active}` : undefined;

  return (
    <div className="relative">
      <Building aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
      <input
        {...control}
        id={inputId}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        autoComplete="off"
        disabled={disabled}
        value={shown}
        placeholder={placeholder}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          // An emptied box means "no company"; anything else half-typed snaps back to the picked company.
          if (text !== null && text.trim() === "" && value) onChange(null);
          setText(null);
          setOpen(false);
        }}
        onKeyDown={(e) => onKeyDown(e, options)}
        className={cn(
          "h-10 w-full rounded-md border border-input bg-card pr-8 pl-9 text-sm text-foreground placeholder:text-muted-foreground",
          "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-danger",
        )}
      />
      {value && !disabled ? (
        <button
          type="button"
          onClick={() => pick(null)}
          aria-label={`Clear company ${value.name}`}
          className="absolute top-1/2 right-2 -translate-y-1/2 rounded p-0.5 text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
        >
          <X aria-hidden className="size-4" />
        </button>
      ) : null}
      <ComboboxListbox
        listId={listId}
        label="Companies"
        open={open}
        className="absolute z-40 mt-1 max-h-64 w-full overflow-y-auto rounded-md border border-border bg-card p-1 shadow-lg"
        searching={query.isFetching && !options.length}
        error={query.isError ? "Companies could not be loaded." : null}
        empty={query.isSuccess && !options.length ? (q ? `No company matches “${q}”.` : "No companies yet.") : null}
        options={options}
        active={active}
        setActive={setActive}
        pick={pick}
        optionClassName="cursor-default rounded px-2 py-1.5 text-sm"
        renderOption={(o) => (
          <>
            <span className="font-medium">{o.name}</span>
            {o.domain ? <span className="ml-2 text-xs text-muted-foreground">{o.domain}</span> : null}
          </>
        )}
      />
    </div>
  );
}
