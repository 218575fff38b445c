"use client";
// The header's account menu: who is signed in, a shortcut to settings, and sign-out.
// Never show another member's details here; it only knows the signed-in user.
import Link from "next/link";
import { DropdownMenu } from "radix-ui";
import { LogOut, Settings } from "lucide-react";
import { useSignOut } from "@/components/auth/sign-out";
import { useToast } from "@/components/ui/toast";

const ITEM =
  "flex cursor-default items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none select-none data-[highlighted]:bg-muted";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "")).toUpperCase();
}

export function UserMenu({ name, email }: { name: string; email: string }) {
  const signOut = useSignOut();
  const toast = useToast();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex size-9 items-center justify-center rounded-full bg-primary/15 text-sm font-semibold text-primary hover:bg-primary/25 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
        aria-label={`Account menu for ${name}`}
      >
        <span aria-hidden>{initials(name)}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-60 rounded-lg border border-border bg-card p-1 text-card-foreground shadow-lg">
          <DropdownMenu.Label className="px-2 py-2">
            <span className="block truncate text-sm font-medium">{name}</span>
            <span className="block truncate text-xs text-muted-foreground">{email}</span>
          </DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item asChild className={ITEM}>
            <Link href="/settings">
              <Settings aria-hidden className="size-4" />
              Settings
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item
            className={ITEM}
            onSelect={() => {
              signOut().catch(() => toast.error("Sign-out failed. Try again."));
            }}
          >
            <LogOut aria-hidden className="size-4" />
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
