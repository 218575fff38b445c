"use client";
// A contacts-table column header: plain text, or, for a column the list can sort by, a button that sets the URL's sort.
// Never sort rows on the client: the order comes from the server's keyset query, so a click only changes the URL.
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { columnSortState, nextSortForColumn, type ContactColumnId, type ContactSort } from "./contact-columns";

export function ContactSortHeader({
  column,
  label,
  sort,
  onSort,
  className,
  alignRight,
}: {
  column: ContactColumnId | "name";
  label: string;
  sort: ContactSort;
  onSort: (sort: ContactSort) => void;
  className: string;
  alignRight?: boolean;
}) {
  const state = columnSortState(column, sort);
  const next = nextSortForColumn(column, sort);
  if (state === undefined || next === null) {
    return (
      <th scope="col" className={cn(className, alignRight && "text-right")}>
        {label}
      </th>
    );
  }
  const Arrow = state === "ascending" ? ArrowUp : state === "descending" ? ArrowDown : ArrowUpDown;
  return (
    <th scope="col" aria-sort={state} className={cn(className, alignRight && "text-right")}>
      <button
        type="button"
        onClick={() => {
          if (next !== sort) onSort(next);
        }}
        className={cn(
          "-mx-1 inline-flex max-w-full items-center gap-1 rounded px-1 uppercase hover:text-foreground focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring",
          alignRight && "flex-row-reverse",
          state !== "none" && "text-foreground",
        )}
      >
        <span className="truncate">{label}</span>
        <Arrow aria-hidden className={cn("size-3.5 shrink-0", state === "none" && "opacity-40")} />
      </button>
    </th>
  );
}
