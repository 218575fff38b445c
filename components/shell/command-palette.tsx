"use client";
// The command palette (cmdk inside a Radix Dialog): Ctrl/Cmd-K or the header button, then type to jump to any page.
// Never list an action the role cannot take ("New campaign" for viewers); the server refuses it anyway.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { Command } from "cmdk";
import { Dialog } from "radix-ui";
import { useTheme } from "next-themes";
import { Moon, Plus, Search } from "lucide-react";
import { can, type Role } from "@/lib/auth/permissions";
import { MAIN_NAV, SETTINGS_NAV } from "./nav-items";

interface PaletteApi {
  open: () => void;
}

const PaletteContext = createContext<PaletteApi | null>(null);

const ITEM =
  "flex cursor-default items-center gap-3 rounded-md px-3 py-2 text-sm outline-none select-none data-[selected=true]:bg-primary/10 data-[selected=true]:text-primary";

export function CommandPaletteProvider({ role, children }: { role: Role; children: ReactNode }) {
  const router = useRouter();
  const { resolvedTheme, setTheme } = useTheme();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if ((e.metaKey || e.ctrlKey) && !e.altKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setOpen((o) => !o);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const go = useCallback(
    (href: string) => {
      setOpen(false);
      router.push(href);
    },
    [router],
  );

  const api = useMemo<PaletteApi>(() => ({ open: () => setOpen(true) }), []);
  const settings = SETTINGS_NAV.filter((i) => !i.permission || can(role, i.permission));

  return (
    <PaletteContext.Provider value={api}>
      {children}
      <Dialog.Root open={open} onOpenChange={setOpen}>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-50 bg-black/50" />
          <Dialog.Content
            aria-describedby={undefined}
            className="fixed top-[12vh] left-1/2 z-50 w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 overflow-hidden rounded-lg border border-border bg-card text-card-foreground shadow-2xl"
          >
            <Dialog.Title className="sr-only">Command palette</Dialog.Title>
            <Command label="Command palette" loop>
              <div className="flex items-center gap-2 border-b border-border px-3">
                <Search aria-hidden className="size-4 text-muted-foreground" />
                <Command.Input
                  autoFocus
                  placeholder="Jump to a page or action…"
                  className="h-12 flex-1 bg-transparent text-sm outline-none placeholder:text-muted-foreground"
                />
              </div>
              <Command.List className="max-h-80 overflow-y-auto p-2">
                <Command.Empty className="px-3 py-6 text-center text-sm text-muted-foreground">Nothing matches.</Command.Empty>
                <Command.Group heading="Pages" className="text-xs text-muted-foreground [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:py-1.5">
                  {MAIN_NAV.map((item) => (
                    <Command.Item key={item.href} value={item.label} keywords={item.keywords} onSelect={() => go(item.href)} className={ITEM}>
                      <item.icon aria-hidden className="size-4" />
                      <span className="text-foreground">{item.label}</span>
                    </Command.Item>
                  ))}
                </Command.Group>
                <Command.Group heading="Settings" className="text-xs text-muted-foreground [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:py-1.5">
                  {settings.map((item) => (
                    <Command.Item
                      key={item.href}
                      value={`Settings: ${item.label}`}
                      keywords={item.keywords}
                      onSelect={() => go(item.href)}
                      className={ITEM}
                    >
                      <item.icon aria-hidden className="size-4" />
                      <span className="text-foreground">Settings: {item.label}</span>
                    </Command.Item>
                  ))}
                </Command.Group>
                <Command.Group heading="Actions" className="text-xs text-muted-foreground [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:py-1.5">
                  {can(role, "campaigns.write") ? (
                    <Command.Item value="New campaign" keywords={["create", "add"]} onSelect={() => go("/campaigns/new")} className={ITEM}>
                      <Plus aria-hidden className="size-4" />
                      <span className="text-foreground">New campaign</span>
                    </Command.Item>
                  ) : null}
                  <Command.Item
                    value="Toggle dark or light theme"
                    keywords={["dark", "light", "theme", "mode"]}
                    onSelect={() => {
                      setTheme(resolvedTheme === "dark" ? "light" : "dark");
                      setOpen(false);
                    }}
                    className={ITEM}
                  >
                    <Moon aria-hidden className="size-4" />
                    <span className="text-foreground">Toggle dark or light theme</span>
                  </Command.Item>
                </Command.Group>
              </Command.List>
            </Command>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </PaletteContext.Provider>
  );
}

export function CommandPaletteTrigger() {
  const api = useContext(PaletteContext);
  return (
    <button
      type="button"
      onClick={() => api?.open()}
      aria-keyshortcuts="Control+K Meta+K"
      className="flex h-9 items-center gap-2 rounded-md border border-border bg-card px-3 text-sm text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
    >
      <Search aria-hidden className="size-4" />
      <span className="hidden sm:inline">Search</span>
      <span className="sr-only sm:hidden">Open command palette</span>
      <kbd className="hidden rounded border border-border bg-muted px-1.5 font-mono text-[11px] sm:inline">Ctrl K</kbd>
    </button>
  );
}
