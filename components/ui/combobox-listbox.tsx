"use client";
// The listbox half of a search-as-you-type combobox (see use-combobox.ts): the searching / failed / no-match rows and
// one option per match, picked on mousedown. Never on click: the input's blur would close the list before a click lands.
import type { ReactNode } from "react";
import { cn } from "./cn";

export function ComboboxListbox<T extends { id: string }>({
  listId,
  label,
  open,
  className,
  searching,
  error,
  empty,
  options,
  active,
  setActive,
  pick,
  optionClassName,
  renderOption,
}: {
  listId: string;
  label: string;
  open: boolean;
  className: string;
  /** A search is running and nothing is listed yet. */
  searching: boolean;
  /** Why the search failed, or null. */
  error: string | null;
  /** The no-match text, or null while matches are unknown or listed. */
  empty: string | null;
  options: T[];
  active: number;
  setActive: (i: number) => void;
  pick: (o: T) => void;
  optionClassName: string;
  renderOption: (o: T) => ReactNode;
}) {
  return (
    <ul id={listId} role="listbox" aria-label={label} hidden={!open} className={className}>
      {open && searching ? <li className="px-2 py-1.5 text-sm text-muted-foreground">Searching…</li> : null}
      {open && error ? <li className="px-2 py-1.5 text-sm text-danger">{error}</li> : null}
      {open && empty ? <li className="px-2 py-1.5 text-sm text-muted-foreground">{empty}</li> : null}
      {options.map((o, i) => (
        <li
          key={o.id}
          id={`${listId}-${i}`}
          role="option"
          aria-selected={i === active}
          onMouseDown={(e) => {
            e.preventDefault();
            pick(o);
          }}
          onMouseEnter={() => setActive(i)}
          className={cn(optionClassName, i === active && "bg-muted")}
        >
          {renderOption(o)}
        </li>
      ))}
    </ul>
  );
}
