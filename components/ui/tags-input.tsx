"use client";
// A keyboard-friendly tag editor: type and press Enter or comma to add, Backspace on empty to remove the last.
// Never dedupe or normalise differently from the server schema: it lower-cases and dedupes, so this does the same.
import { useState, type KeyboardEvent } from "react";
import { X } from "lucide-react";
import type { FieldControlProps } from "./field";

export function TagsInput({
  value,
  onChange,
  control,
  disabled,
  max = 20,
}: {
  value: string[];
  onChange: (tags: string[]) => void;
  control: FieldControlProps;
  disabled?: boolean;
  max?: number;
}) {
  const [draft, setDraft] = useState("");

  function add(raw: string) {
    const parts = raw
      .split(",")
      .map((t) => t.trim().toLowerCase())
      .filter((t) => t.length > 0 && t.length <= 40);
    if (!parts.length) return;
    onChange([...new Set([...value, ...parts])].slice(0, max));
    setDraft("");
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter" || e.key === ",") {
      e.preventDefault();
      add(draft);
    } else if (e.key === "Backspace" && draft === "" && value.length) {
      onChange(value.slice(0, -1));
    }
  }

  return (
    <div className="flex min-h-10 flex-wrap items-center gap-1.5 rounded-md border border-input bg-card px-2 py-1.5 focus-within:outline-2 focus-within:outline-offset-1 focus-within:outline-ring">
      <ul className="contents" aria-label="Selected tags">
        {value.map((tag) => (
          <li key={tag} className="inline-flex items-center gap-1 rounded-full bg-muted px-2 py-0.5 text-xs">
            {tag}
            {!disabled ? (
              <button
                type="button"
                onClick={() => onChange(value.filter((t) => t !== tag))}
                className="rounded-full text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
                aria-label={`Remove tag ${tag}`}
              >
                <X aria-hidden className="size-3" />
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <input
        {...control}
        value={draft}
        disabled={disabled || value.length >= max}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => add(draft)}
        placeholder={value.length ? "" : "Type a tag and press Enter"}
        className="min-w-32 flex-1 bg-transparent px-1 text-sm outline-none placeholder:text-muted-foreground"
      />
    </div>
  );
}
