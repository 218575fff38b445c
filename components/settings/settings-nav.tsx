"use client";
// The settings sub-navigation (General, Members, API keys, Audit log) with the current section marked.
// Never treat a hidden entry as protection: the pages and engines check the role again.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { can, type Role } from "@/lib/auth/permissions";
import { SETTINGS_NAV, isActive } from "@/components/shell/nav-items";
import { cn } from "@/components/ui/cn";

export function SettingsNav({ role }: { role: Role }) {
  const pathname = usePathname();
  const items = SETTINGS_NAV.filter((i) => !i.permission || can(role, i.permission));
  return (
    <nav aria-label="Settings">
      <ul className="flex gap-1 overflow-x-auto border-b border-border md:flex-col md:border-0">
        {items.map((item) => {
          const active = isActive(pathname, item.href, item.href === "/settings");
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
                  "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring",
                  "-mb-px border-b-2 md:mb-0 md:rounded-md md:border-b-0",
                  active
                    ? "border-primary text-primary md:bg-primary/10"
                    : "border-transparent text-muted-foreground hover:text-foreground md:hover:bg-muted",
                )}
              >
                <item.icon aria-hidden className="size-4" />
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
