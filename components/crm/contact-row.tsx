"use client";
// One row of the virtualised contacts table: a selection checkbox, the name (link), then the columns the user chose.
// Never let a cell wrap: every row has the same height, which the virtualiser uses to place rows without measuring them.
import Link from "next/link";
import { memo, type ChangeEvent } from "react";
import { Ban } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { CONTACT_COLUMNS, type ContactColumnId, type ContactListItem } from "./contact-columns";
import { CONSENT_LABELS, contactDisplayName, contactInitials, formatShortDate, isEmailConsent } from "./crm-format";
import { StageBadge } from "./stage-badge";

export const CONTACT_ROW_HEIGHT = 48;

const CELL = "overflow-hidden border-b border-border px-3 text-ellipsis whitespace-nowrap";
const MUTED = <span className="text-muted-foreground">—</span>;

function Cell({ contact: c, column, ownerNames, timeZone }: { contact: ContactListItem; column: ContactColumnId; ownerNames: Map<string, string>; timeZone: string }) {
  switch (column) {
    case "email":
      return c.email ? <span title={c.email}>{c.email}</span> : MUTED;
    case "company":
      return c.companyId && c.companyName ? (
        <Link href={`/crm/companies/${c.companyId}`} className="rounded underline-offset-2 hover:underline" title={c.companyName}>
          {c.companyName}
        </Link>
      ) : (
        MUTED
      );
    case "stage":
      return <StageBadge stage={c.lifecycleStage} />;
    case "owner":
      return c.ownerUserId ? <>{ownerNames.get(c.ownerUserId) ?? "A former member"}</> : <span className="text-muted-foreground">No owner</span>;
    case "tags":
      return c.tags.length ? (
        <ul className="flex gap-1 overflow-hidden" aria-label="Tags" title={c.tags.join(", ")}>
          {c.tags.map((t) => (
            <li key={t} className="shrink-0 rounded-full bg-muted px-2 py-0.5 text-xs">
              {t}
            </li>
          ))}
        </ul>
      ) : (
        MUTED
      );
    case "score":
      return c.score === null ? MUTED : <span className="tabular-nums">{c.score}</span>;
    case "phone":
      return c.phone ? <span className="tabular-nums">{c.phone}</span> : MUTED;
    case "title":
      return c.title ? <span title={c.title}>{c.title}</span> : MUTED;
    case "country":
      return c.country ? <>{c.country}</> : MUTED;
    case "source":
      return c.source ? <>{c.source}</> : MUTED;
    case "consent":
      return (
        <span className="inline-flex items-center gap-1.5">
          {isEmailConsent(c.emailConsent) ? CONSENT_LABELS[c.emailConsent] : c.emailConsent}
          {c.doNotContact ? (
            <span className="inline-flex items-center gap-0.5 text-xs text-danger">
              <Ban aria-hidden className="size-3" />
              Do not contact
            </span>
          ) : null}
        </span>
      );
    case "created":
      return <>{formatShortDate(c.createdAt, timeZone)}</>;
    case "updated":
      return <>{formatShortDate(c.updatedAt, timeZone)}</>;
  }
}

export const ContactTableRow = memo(function ContactTableRow({
  contact: c,
  index,
  columns,
  selected,
  selectable,
  ownerNames,
  timeZone,
  onToggle,
}: {
  contact: ContactListItem;
  index: number;
  columns: ContactColumnId[];
  selected: boolean;
  selectable: boolean;
  ownerNames: Map<string, string>;
  timeZone: string;
  onToggle: (index: number, shiftKey: boolean) => void;
}) {
  const name = contactDisplayName(c);
  return (
    <tr
      aria-rowindex={index + 2}
      aria-selected={selectable ? selected : undefined}
      style={{ height: CONTACT_ROW_HEIGHT }}
      className={cn("text-sm", selected ? "bg-primary/5" : "hover:bg-muted/40")}
    >
      {selectable ? (
        <td className={cn(CELL, "w-10 px-0 text-center")}>
          <input
            type="checkbox"
            className="size-4 cursor-pointer accent-primary align-middle"
            checked={selected}
            aria-label={`Select ${name}`}
            onChange={(e: ChangeEvent<HTMLInputElement>) => {
              // React's change event for a checkbox comes from a click, which carries the Shift key for range selection.
              const native = e.nativeEvent as Partial<MouseEvent>;
              onToggle(index, Boolean(native.shiftKey));
            }}
          />
        </td>
      ) : null}
      <td className={cn(CELL, "font-medium")}>
        <Link href={`/crm/contacts/${c.id}`} className="inline-flex max-w-full items-center gap-2 rounded align-middle underline-offset-2 hover:underline">
          <span aria-hidden className="flex size-7 shrink-0 items-center justify-center rounded-full bg-primary/15 text-[11px] font-semibold text-primary">
            {contactInitials(c)}
          </span>
          <span className="truncate">{name}</span>
        </Link>
      </td>
      {columns.map((col) => (
        <td key={col} className={cn(CELL, CONTACT_COLUMNS[col].align === "right" && "text-right")}>
          <Cell contact={c} column={col} ownerNames={ownerNames} timeZone={timeZone} />
        </td>
      ))}
    </tr>
  );
});
