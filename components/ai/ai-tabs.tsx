// The AI page's section navigation (Overview, Chains, Playground, Request log, Budgets & prices), driven by ?tab= in the URL.
// Never hold the active tab in client state: a link to a tab must open that tab, and the server loads only its data.
import Link from "next/link";
import { FlaskConical, LayoutGrid, ScrollText, Wallet, Workflow, type LucideIcon } from "lucide-react";
import { serializeAiSearchParams, type AiTab } from "@/app/(app)/ai/search-params";
import { cn } from "@/components/ui/cn";

const TABS: Array<{ tab: AiTab; label: string; icon: LucideIcon }> = [
  { tab: "overview", label: "Overview", icon: LayoutGrid },
  { tab: "chains", label: "Chains", icon: Workflow },
  { tab: "playground", label: "Playground", icon: FlaskConical },
  { tab: "log", label: "Request log", icon: ScrollText },
  { tab: "budgets", label: "Budgets & prices", icon: Wallet },
];

export function aiTabHref(tab: AiTab): string {
  return serializeAiSearchParams("/ai", { tab });
}

export function AiTabs({ active }: { active: AiTab }) {
  return (
    <nav aria-label="AI sections" className="mb-6">
      <ul className="flex gap-1 overflow-x-auto border-b border-border">
        {TABS.map(({ tab, label, icon: Icon }) => {
          const current = tab === active;
          return (
            <li key={tab}>
              <Link
                href={aiTabHref(tab)}
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
  );
}
