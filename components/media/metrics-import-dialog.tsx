"use client";
// A button and dialog to import a metrics CSV (asset_id, channel, day, impressions, clicks, engagements, conversions):
// shows the count imported, or the line and column at fault. Nothing is stored unless every line is good.
import { useId, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { FileUp, X } from "lucide-react";
import { Dialog } from "radix-ui";
import { importMetricsCsvAction } from "@/app/(app)/media/insights/actions";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { formatCount, refreshInsights } from "./asset-insights";
import { refreshMedia } from "./media-query-keys";

interface Outcome {
  ok: boolean;
  message: string;
  problems: [string, string[]][];
}

export function MetricsImportDialog() {
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const inputId = useId();
  const toast = useToast();
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: async (f: File) => {
      const form = new FormData();
      form.append("file", f);
      return importMetricsCsvAction(form);
    },
    onSuccess: async (r) => {
      if (r.ok) {
        const { rows, inserted, replaced, assets } = r.data;
        const message = `Imported ${formatCount(rows)} row${rows === 1 ? "" : "s"} for ${formatCount(assets)} asset${assets === 1 ? "" : "s"} (${formatCount(inserted)} new, ${formatCount(replaced)} replaced).`;
        setOutcome({ ok: true, message, problems: [] });
        toast.success(message);
        await Promise.all([refreshInsights(queryClient), refreshMedia(queryClient)]);
      } else {
        setOutcome({ ok: false, message: r.message, problems: Object.entries(r.fieldErrors ?? {}).slice(0, 20) });
      }
    },
    onError: (e: Error) => setOutcome({ ok: false, message: e.message, problems: [] }),
  });

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) {
          setFile(null);
          setOutcome(null);
        }
      }}
    >
      <Dialog.Trigger asChild>
        <Button variant="outline">
          <FileUp aria-hidden className="size-4" />
          Import metrics
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-black/50" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 grid max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 gap-4 overflow-y-auto rounded-lg border border-border bg-card p-6 shadow-xl">
          <div className="flex items-start justify-between gap-4">
            <Dialog.Title className="text-lg font-semibold">Import performance metrics</Dialog.Title>
            <Dialog.Close className="rounded text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring" aria-label="Close">
              <X aria-hidden className="size-4" />
            </Dialog.Close>
          </div>
          <Dialog.Description className="-mt-2 text-sm text-muted-foreground">
            A CSV with the columns <code>asset_id, channel, day, impressions, clicks, engagements, conversions</code> (one row per asset, channel and
            day; days as YYYY-MM-DD). A day sent again replaces its figures. If any line is wrong, nothing is imported.
          </Dialog.Description>
          <form
            className="grid gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              if (file) {
                setOutcome(null);
                upload.mutate(file);
              }
            }}
          >
            <label htmlFor={inputId} className="text-sm font-medium">
              CSV file
            </label>
            <input
              id={inputId}
              type="file"
              accept=".csv,text/csv"
              className="text-sm file:mr-3 file:rounded-md file:border file:border-border file:bg-muted file:px-3 file:py-1.5 file:text-sm"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setOutcome(null);
              }}
            />
            {outcome ? (
              <div role={outcome.ok ? "status" : "alert"} className={outcome.ok ? "text-sm text-emerald-700 dark:text-emerald-300" : "grid gap-1 text-sm text-danger"}>
                <p>{outcome.message}</p>
                {outcome.problems.length > 1 ? (
                  <ul className="list-disc pl-5 text-xs">
                    {outcome.problems.map(([where, messages]) => (
                      <li key={where}>
                        <span className="font-medium">{where}</span>: {messages.join(" ")}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
            <div className="flex justify-end gap-2">
              <Dialog.Close asChild>
                <Button variant="ghost">Close</Button>
              </Dialog.Close>
              <Button type="submit" disabled={!file} pending={upload.isPending}>
                Import
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
