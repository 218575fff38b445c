"use client";
// The header's workspace switcher: lists the user's workspaces, switches the active one, links to creating another.
// Never show one workspace's cached data in another: the query cache is cleared on every switch.
import Link from "next/link";
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { DropdownMenu } from "radix-ui";
import { Check, ChevronsUpDown, LoaderCircle, Plus } from "lucide-react";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { switchWorkspaceAction } from "@/app/(app)/actions";
import { useToast } from "@/components/ui/toast";

export interface SwitcherWorkspace {
  id: string;
  name: string;
  role: Role;
}

const ITEM =
  "flex cursor-default items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none select-none data-[highlighted]:bg-muted data-[disabled]:opacity-50";

export function WorkspaceSwitcher({ workspaces, currentId }: { workspaces: SwitcherWorkspace[]; currentId: string }) {
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const current = workspaces.find((w) => w.id === currentId);

  function switchTo(id: string) {
    if (id === currentId) return;
    startTransition(async () => {
      const res = await switchWorkspaceAction({ workspaceId: id });
      if (!res.ok) {
        toast.error(res.message);
        return;
      }
      queryClient.clear();
      toast.success(`Switched to ${workspaces.find((w) => w.id === id)?.name ?? "the workspace"}.`);
      router.push("/dashboard");
      router.refresh();
    });
  }

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex max-w-[14rem] min-w-0 items-center gap-2 rounded-md border border-border bg-card px-3 py-1.5 text-left text-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring sm:max-w-xs"
        aria-label={`Workspace: ${current?.name ?? "unknown"}. Switch workspace`}
        data-testid="workspace-switcher"
      >
        <span className="min-w-0 flex-1">
          <span className="block truncate font-medium">{current?.name ?? "Workspace"}</span>
          {current ? <span className="block truncate text-xs text-muted-foreground">{ROLE_LABELS[current.role]}</span> : null}
        </span>
        {pending ? (
          <LoaderCircle aria-hidden className="size-4 shrink-0 animate-spin" />
        ) : (
          <ChevronsUpDown aria-hidden className="size-4 shrink-0 text-muted-foreground" />
        )}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="start"
          sideOffset={6}
          className="z-50 min-w-64 rounded-lg border border-border bg-card p-1 text-card-foreground shadow-lg"
        >
          <DropdownMenu.Label className="px-2 py-1.5 text-xs font-medium text-muted-foreground">Your workspaces</DropdownMenu.Label>
          <DropdownMenu.RadioGroup value={currentId} onValueChange={switchTo}>
            {workspaces.map((w) => (
              <DropdownMenu.RadioItem key={w.id} value={w.id} className={ITEM} disabled={pending}>
                <span className="flex size-4 items-center justify-center">
                  <DropdownMenu.ItemIndicator>
                    <Check aria-hidden className="size-4" />
                  </DropdownMenu.ItemIndicator>
                </span>
                <span className="min-w-0 flex-1 truncate">{w.name}</span>
                <span className="text-xs text-muted-foreground">{ROLE_LABELS[w.role]}</span>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item asChild className={ITEM}>
            <Link href="/onboarding?new=1">
              <Plus aria-hidden className="size-4" />
              Create workspace
            </Link>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
