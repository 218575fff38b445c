// The CRM's list pages share one heading and a section navigation (Contacts, Companies, Duplicates, …) with the current one marked.
// Never hold the active section in client state: each section is its own URL, so a link opens that section.
import Link from "next/link";
import type { ReactNode } from "react";
import { Building, Copy, FileSpreadsheet, ListFilter, SlidersHorizontal, Users, WandSparkles, Workflow, type LucideIcon } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { PageHeader } from "@/components/ui/page-header";

export type CrmSection = "contacts" | "companies" | "segments" | "duplicates" | "imports" | "enrichment" | "rules" | "fields";

const SECTIONS: Array<{ id: CrmSection; label: string; href: string; icon: LucideIcon }> = [
  { id: "contacts", label: "Contacts", href: "/crm", icon: Users },
  { id: "companies", label: "Companies", href: "/crm/companies", icon: Building },
  { id: "segments", label: "Segments", href: "/crm/segments", icon: ListFilter },
  { id: "duplicates", label: "Duplicates", href: "/crm/duplicates", icon: Copy },
  { id: "imports", label: "Imports", href: "/crm/imports", icon: FileSpreadsheet },
  { id: "enrichment", label: "Enrichment", href: "/crm/enrichment", icon: WandSparkles },
  { id: "rules", label: "Lifecycle rules", href: "/crm/rules", icon: Workflow },
  { id: "fields", label: "Custom fields", href: "/crm/fields", icon: SlidersHorizontal },
];

export function CrmHeader({ active, description, actions }: { active: CrmSection; description?: ReactNode; actions?: ReactNode }) {
  return (
    <>
      <PageHeader title="CRM" description={description} actions={actions} />
      <nav aria-label="CRM sections" className="mb-5">
        <ul className="flex gap-1 overflow-x-auto border-b border-border">
          {SECTIONS.map(({ id, label, href, icon: Icon }) => {
            const current = id === active;
            return (
              <li key={id}>
                <Link
                  href={href}
                  aria-current={current ? "page" : undefined}
                  className={cn(
                    "-mb-px flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
                    "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring",
                    current ? "border-primary text-primary" : "border-transparent text-muted-foreground hover:text-foreground",
                  )}
                >
                  <Icon aria-hidden className="size-4" />
                  {label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </>
  );
}
