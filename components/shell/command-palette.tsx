"use client";
// The command palette (cmdk inside a Radix Dialog): Ctrl/Cmd-K or the header button, then type to jump to any page.
// Never list an action the role cannot take ("New campaign" for viewers); the server refuses it anyway.
// Contacts come from the server (the contacts list's prefix search), so the palette's own fuzzy filter passes them through.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { Command, defaultFilter } from "cmdk";
import { Dialog } from "radix-ui";
import { useTheme } from "next-themes";
import { Moon, Plus, Search, UserRound } from "lucide-react";
import { can, type Role } from "@/lib/auth/permissions";
import { MAIN_NAV, SETTINGS_NAV } from "./nav-items";
import { usePaletteContacts } from "./use-palette-contacts";

interface PaletteApi {
  open: () => void;
}

const PaletteContext = createContext<PaletteApi | null>(null);

/** Contact items' values start with this; the server already matched them, so the filter keeps them as they are. */
const CONTACT_VALUE = "contact:";
/** Below a strong page match (a name typed out), above a stray fuzzy one (letters of an email scattered through a label). */
const CONTACT_SCORE = 0.5;

function paletteFilter(value: string, search: string, keywords?: string[]): number {
  return value.startsWith(CONTACT_VALUE) ? CONTACT_SCORE : defaultFilter(value, search, keywords);
}

const GROUP = "text-xs text-muted-foreground [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:py-1.5";

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

  const toggleTheme = useCallback(() => {
    setTheme(resolvedTheme === "dark" ? "light" : "dark");
    setOpen(false);
  }, [resolvedTheme, setTheme]);

  const api = useMemo<PaletteApi>(() => ({ open: () => setOpen(true) }), []);

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
            {/* Mounted only while open, so each opening starts with an empty search. */}
            <PaletteCommands role={role} go={go} toggleTheme={toggleTheme} />
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </PaletteContext.Provider>
  );
}

function PaletteCommands({ role, go, toggleTheme }: { role: Role; go: (href: string) => void; toggleTheme: () => void }) {
  const [search, setSearch] = useState("");
  const contactSearch = usePaletteContacts(search, can(role, "contacts.read"));
  const settings = SETTINGS_NAV.filter((i) => !i.permission || can(role, i.permission));

  return (
    <Command label="Command palette" loop filter={paletteFilter}>
      <div className="flex items-center gap-2 border-b border-border px-3">
        <Search aria-hidden className="size-4 text-muted-foreground" />
        <Command.Input
          autoFocus
          value={search}
          onValueChange={setSearch}
          placeholder="Jump to a page or action, or find a contact…"
          className="h-12 flex-1 bg-transparent text-sm outline-none placeholder:text-muted-foreground"
        />
      </div>
      <Command.List className="max-h-80 overflow-y-auto p-2">
        <Command.Empty className="px-3 py-6 text-center text-sm text-muted-foreground">
          {contactSearch.searching ? "Searching contacts…" : "Nothing matches."}
        </Command.Empty>
        <Command.Group heading="Pages" className={GROUP}>
          {MAIN_NAV.map((item) => (
            <Command.Item key={item.href} value={item.label} keywords={item.keywords} onSelect={() => go(item.href)} className={ITEM}>
              <item.icon aria-hidden className="size-4" />
              <span className="text-foreground">{item.label}</span>
            </Command.Item>
          ))}
        </Command.Group>
        <Command.Group heading="Settings" className={GROUP}>
          {settings.map((item) => (
            <Command.Item key={item.href} value={`Settings: ${item.label}`} keywords={item.keywords} onSelect={() => go(item.href)} className={ITEM}>
              <item.icon aria-hidden className="size-4" />
              <span className="text-foreground">Settings: {item.label}</span>
            </Command.Item>
          ))}
        </Command.Group>
        {contactSearch.contacts.length ? (
          <Command.Group heading="Contacts" className={GROUP}>
            {contactSearch.contacts.map((c) => (
              <Command.Item key={c.id} value={`${CONTACT_VALUE}${c.id}`} onSelect={() => go(`/crm/contacts/${c.id}`)} className={ITEM}>
                <UserRound aria-hidden className="size-4 shrink-0" />
                <span className="min-w-0 truncate text-foreground">{c.name}</span>
                {c.email && c.email !== c.name ? <span className="ml-auto min-w-0 truncate text-xs text-muted-foreground">{c.email}</span> : null}
              </Command.Item>
            ))}
          </Command.Group>
        ) : null}
        {contactSearch.error ? (
          <p role="alert" className="px-3 py-2 text-xs text-danger">
            Contacts could not be searched: {contactSearch.error}
          </p>
        ) : null}
        <Command.Group heading="Actions" className={GROUP}>
          {can(role, "campaigns.write") ? (
            <Command.Item value="New campaign" keywords={["create", "add"]} onSelect={() => go("/campaigns/new")} className={ITEM}>
              <Plus aria-hidden className="size-4" />
              <span className="text-foreground">New campaign</span>
            </Command.Item>
          ) : null}
          <Command.Item value="Toggle dark or light theme" keywords={["dark", "light", "theme", "mode"]} onSelect={toggleTheme} className={ITEM}>
            <Moon aria-hidden className="size-4" />
            <span className="text-foreground">Toggle dark or light theme</span>
          </Command.Item>
        </Command.Group>
      </Command.List>
    </Command>
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
