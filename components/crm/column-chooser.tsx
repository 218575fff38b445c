"use client";
// The contacts table's column chooser: a menu of checkboxes, one per optional column, plus a reset to the default set.
// Never offer to hide the name column; the menu stays open while columns are toggled so several can be changed at once.
import { DropdownMenu } from "radix-ui";
import { Check, Columns3 } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { CONTACT_COLUMN_IDS, CONTACT_COLUMNS, type ContactColumnId } from "./contact-columns";

const ITEM =
  "relative flex cursor-default items-center gap-2 rounded-md py-1.5 pr-2 pl-8 text-sm outline-none select-none data-[highlighted]:bg-muted";

export function ColumnChooser({
  visible,
  onChange,
  onReset,
}: {
  visible: ContactColumnId[];
  onChange: (ids: ContactColumnId[]) => void;
  onReset: () => void;
}) {
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger className={buttonClasses({ variant: "outline", size: "sm" })}>
        <Columns3 aria-hidden className="size-4" />
        Columns
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-52 rounded-lg border border-border bg-card p-1 text-card-foreground shadow-lg">
          <DropdownMenu.Label className="px-2 py-1.5 text-xs font-semibold text-muted-foreground uppercase">Show columns</DropdownMenu.Label>
          {CONTACT_COLUMN_IDS.map((id) => (
            <DropdownMenu.CheckboxItem
              key={id}
              className={ITEM}
              checked={visible.includes(id)}
              onSelect={(e) => e.preventDefault()}
              onCheckedChange={(on) => onChange(on ? [...visible, id] : visible.filter((v) => v !== id))}
            >
              <DropdownMenu.ItemIndicator className="absolute left-2 inline-flex">
                <Check aria-hidden className="size-4" />
              </DropdownMenu.ItemIndicator>
              {CONTACT_COLUMNS[id].label}
            </DropdownMenu.CheckboxItem>
          ))}
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item className={ITEM} onSelect={onReset}>
            Reset to default
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
