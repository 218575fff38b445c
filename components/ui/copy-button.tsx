"use client";
// Copies a value (an invitation link, a new API key) to the clipboard and says so in the live region.
// Never log or send the value anywhere: it may be a secret shown exactly once.
import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { Button } from "./button";
import { useToast } from "./toast";

export function CopyButton({ value, label = "Copy", inputId }: { value: string; label?: string; inputId?: string }) {
  const toast = useToast();
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      toast.success("Copied to the clipboard.");
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      // Without clipboard access, select the text so the user can copy it themselves.
      const el = inputId ? (document.getElementById(inputId) as HTMLInputElement | null) : null;
      el?.focus();
      el?.select();
      toast.error("Copy is blocked by the browser. The text is selected: press Ctrl+C.");
    }
  }

  return (
    <Button variant="outline" size="sm" onClick={copy}>
      {copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
      {copied ? "Copied" : label}
    </Button>
  );
}
