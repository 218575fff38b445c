"use client";
// State and keys of a search-as-you-type ARIA combobox (the company and campaign pickers): what is being typed, whether
// the list is open, which option is active, the debounced query to search with, and Arrow/Enter/Escape handling.
import { useEffect, useState, type KeyboardEvent } from "react";

export function useDebounced<T>(value: T, ms: number): T {
  const [out, setOut] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setOut(value), ms);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return out;
}

export function useCombobox<T>({
  debounceMs,
  onPick,
  containEscape = false,
}: {
  debounceMs: number;
  onPick: (option: T) => void;
  /** Escape closes only the list, never a dialog or drawer around the picker. */
  containEscape?: boolean;
}) {
  // null: show the picked value; a string: what the user is typing.
  const [text, setText] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const q = useDebounced((text ?? "").trim(), debounceMs);

  function pick(option: T) {
    onPick(option);
    setText(null);
    setOpen(false);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>, options: readonly T[]) {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (!open) setOpen(true);
      setActive((i) => Math.min(i + 1, Math.max(options.length - 1, 0)));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === "Enter") {
      if (open && options[active]) {
        e.preventDefault();
        pick(options[active]!);
      }
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      if (containEscape) e.stopPropagation();
      setOpen(false);
      setText(null);
    }
  }

  return { text, setText, open, setOpen, active, setActive, q, pick, onKeyDown };
}
