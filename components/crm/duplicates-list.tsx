// Likely duplicate contacts, grouped by why they look alike (same email, same phone, same name at one company), with a merge link.
// Never merge from here: "Review & merge" opens the merge screen, where the user picks each field and confirms.
import Link from "next/link";
import { AtSign, Building, GitMerge, Phone, type LucideIcon } from "lucide-react";
import type { DuplicatePair, DuplicateReason } from "@/lib/crm/duplicates";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { contactDisplayName, formatShortDate } from "./crm-format";

const GROUPS: Array<{ reason: DuplicateReason; title: string; description: string; icon: LucideIcon }> = [
  { reason: "same_email", title: "Same email", description: "One mailbox: case, Gmail dots and +tags are ignored.", icon: AtSign },
  { reason: "same_phone", title: "Same phone", description: "The same number in international format.", icon: Phone },
  { reason: "same_name_same_company", title: "Same name at the same company", description: "Same last name and first initial at one company.", icon: Building },
];

function Side({ c, timeZone }: { c: DuplicatePair["a"]; timeZone: string }) {
  return (
    <div className="min-w-0">
      <Link href={`/crm/contacts/${c.id}`} className="block truncate font-medium underline-offset-2 hover:underline">
        {contactDisplayName(c)}
      </Link>
      <p className="truncate text-xs text-muted-foreground">{[c.email, c.phone].filter(Boolean).join(" · ") || "No email or phone"}</p>
      <p className="text-xs text-muted-foreground">Created {formatShortDate(c.createdAt, timeZone)}</p>
    </div>
  );
}

export function DuplicatesList({ pairs, canMerge, timeZone }: { pairs: DuplicatePair[]; canMerge: boolean; timeZone: string }) {
  return (
    <div className="grid gap-6">
      {GROUPS.map(({ reason, title, description, icon: Icon }) => {
        const group = pairs.filter((p) => p.reason === reason);
        if (!group.length) return null;
        return (
          <Card key={reason} aria-labelledby={`dupes-${reason}`}>
            <CardHeader
              titleId={`dupes-${reason}`}
              title={
                <span className="inline-flex items-center gap-2">
                  <Icon aria-hidden className="size-4 text-muted-foreground" />
                  {title} ({group.length})
                </span>
              }
              description={description}
            />
            <ul className="divide-y divide-border" aria-label={`${title} pairs`}>
              {group.map((p) => (
                <li key={`${p.a.id}:${p.b.id}`} className="grid items-center gap-3 px-4 py-3 text-sm sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] sm:px-5">
                  <Side c={p.a} timeZone={timeZone} />
                  <Side c={p.b} timeZone={timeZone} />
                  {canMerge ? (
                    <Link
                      href={`/crm/duplicates/merge?a=${p.a.id}&b=${p.b.id}`}
                      className={buttonClasses({ variant: "outline", size: "sm" })}
                      aria-label={`Review and merge ${contactDisplayName(p.a)} and ${contactDisplayName(p.b)}`}
                    >
                      <GitMerge aria-hidden className="size-4" />
                      Review &amp; merge
                    </Link>
                  ) : null}
                </li>
              ))}
            </ul>
          </Card>
        );
      })}
    </div>
  );
}
