// The signed-in shell: sidebar (a drawer on small screens), header with workspace switcher, palette, theme and account.
// Never render it without a session and a workspace: getPageCtx redirects to sign-in or onboarding first.
import Link from "next/link";
import type { ReactNode } from "react";
import { getDb } from "@/db/client";
import { listMyWorkspaces } from "@/lib/workspaces";
import type { Ctx } from "@/lib/auth/context";
import { CommandPaletteProvider, CommandPaletteTrigger } from "@/components/shell/command-palette";
import { MobileNav } from "@/components/shell/mobile-nav";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { SkipLink } from "@/components/shell/skip-link";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { UserMenu } from "@/components/shell/user-menu";
import { WorkspaceSwitcher } from "@/components/shell/workspace-switcher";
import { Skeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "./page-ctx";

export const dynamic = "force-dynamic";

async function WorkspaceSwitcherLoader({ ctx }: { ctx: Ctx }) {
  const workspaces = await listMyWorkspaces(getDb(), ctx.userId);
  return <WorkspaceSwitcher workspaces={workspaces.map(({ id, name, role }) => ({ id, name, role }))} currentId={ctx.workspaceId} />;
}

export default async function AppLayout({ children }: { children: ReactNode }) {
  const ctx = await getPageCtx();
  return (
    <CommandPaletteProvider role={ctx.role}>
      <SkipLink />
      <div className="min-h-dvh">
        <aside className="fixed inset-y-0 left-0 hidden w-60 flex-col gap-6 border-r border-border bg-card px-3 py-4 lg:flex">
          <Link href="/dashboard" className="rounded px-3 text-lg font-semibold tracking-tight">
            AICMO
          </Link>
          <SidebarNav />
        </aside>
        <div className="lg:pl-60">
          <header className="sticky top-0 z-40 flex h-14 items-center gap-2 border-b border-border bg-background/90 px-3 backdrop-blur sm:gap-3 sm:px-6">
            <MobileNav />
            <WidgetBoundary title="Workspaces" fallback={<Skeleton className="h-10 w-44" />}>
              <WorkspaceSwitcherLoader ctx={ctx} />
            </WidgetBoundary>
            <div className="flex-1" />
            <CommandPaletteTrigger />
            <ThemeToggle />
            <UserMenu name={ctx.user.name} email={ctx.user.email} />
          </header>
          <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl px-4 py-6 focus:outline-none sm:px-6 lg:py-8">
            {children}
          </main>
        </div>
      </div>
    </CommandPaletteProvider>
  );
}
