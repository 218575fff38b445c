"use client";
// "Export CSV": a plain download link to the contact export endpoint (the browser streams the file to disk), plus a toast
// saying the download has started. Never fetch the file into JS: a 1M-contact export would sit in the tab's memory.
import { Download } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

/** The name the export endpoint gives the file: `contacts-<UTC date>.csv`. */
export function exportFileName(now: Date = new Date()): string {
  return `contacts-${now.toISOString().slice(0, 10)}.csv`;
}

export function ExportCsvLink({ href, size = "sm" }: { href: string; size?: "sm" | "md" }) {
  const toast = useToast();
  return (
    <a
      href={href}
      download
      className={buttonClasses({ variant: "outline", size })}
      onClick={() => toast.success(`Export started: your browser is downloading ${exportFileName()}.`)}
    >
      <Download aria-hidden className="size-4" />
      Export CSV
    </a>
  );
}
