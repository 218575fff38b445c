"use client";
// Which optional columns the contacts table shows, remembered per browser in localStorage and shared across open tabs.
// Never read localStorage during the server render: the server and the first client render both use the defaults.
import { useCallback, useMemo, useSyncExternalStore } from "react";
import { CONTACT_COLUMN_IDS, DEFAULT_CONTACT_COLUMNS, isContactColumnId, type ContactColumnId } from "./contact-columns";

const STORAGE_KEY = "aicmo.crm.contacts.columns.v1";
const listeners = new Set<() => void>();

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  const onStorage = (e: StorageEvent) => {
    if (e.key === STORAGE_KEY) onChange();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onStorage);
  };
}

function readStored(): string {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? "";
  } catch {
    return "";
  }
}

function parse(raw: string): ContactColumnId[] {
  if (!raw) return DEFAULT_CONTACT_COLUMNS;
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return DEFAULT_CONTACT_COLUMNS;
    const ids = new Set(value.filter(isContactColumnId));
    // Keep the table's own order whatever order the choices were made in.
    return CONTACT_COLUMN_IDS.filter((id) => ids.has(id));
  } catch {
    return DEFAULT_CONTACT_COLUMNS;
  }
}

export function useColumnVisibility(): {
  visible: ContactColumnId[];
  setVisible: (ids: ContactColumnId[]) => void;
  reset: () => void;
} {
  const raw = useSyncExternalStore(subscribe, readStored, () => "");
  const visible = useMemo(() => parse(raw), [raw]);
  const write = useCallback((value: string | null) => {
    try {
      if (value === null) window.localStorage.removeItem(STORAGE_KEY);
      else window.localStorage.setItem(STORAGE_KEY, value);
    } catch {
      // Storage may be full or blocked (private windows); the choice then lasts until reload, which is acceptable.
    }
    for (const l of listeners) l();
  }, []);
  const setVisible = useCallback((ids: ContactColumnId[]) => write(JSON.stringify(ids)), [write]);
  const reset = useCallback(() => write(null), [write]);
  return { visible, setVisible, reset };
}
