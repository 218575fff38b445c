"use client";
// One import's progress: a bar and counters polled from the import status endpoint until it settles, then the results,
// the error report download and a way to the contacts. Never poll a settled import, and never hide a failure's message.
import Link from "next/link";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Download } from "lucide-react";
import type { ImportJson } from "@/lib/crm/import/schemas";
import { formatTimestamp } from "@/components/format";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { formatCount } from "./crm-format";
import { crmQueryKeys } from "@/lib/query-keys";
import { ImportStatusBadge, isImportActive } from "./import-status-badge";
import { refreshContactLists } from "./refresh-contacts";
import { apiJson } from "./rest-client";

const POLL_MS = 1000;

export function ImportProgress({ initial, canImport, timeZone }: { initial: ImportJson; canImport: boolean; timeZone: string }) {
  const queryClient = useQueryClient();
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const query = useQuery({
    queryKey: [...crmQueryKeys.all, "import", initial.id],
    queryFn: async (): Promise<ImportJson> => {
      const res = await apiJson<ImportJson>(`/api/v1/contacts/imports/${initial.id}`);
      if (!res.ok) throw new Error(res.message);
      if (!isImportActive(res.data.status)) void refreshContactLists(queryClient);
      return res.data;
    },
    initialData: initial,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data && isImportActive(q.state.data.status) ? POLL_MS : false),
  });
  const imp = query.data;
  const active = isImportActive(imp.status);
  const pct = Math.round(imp.progress * 100);

  async function cancel() {
    setCancelling(true);
    setCancelError(null);
    const res = await apiJson<ImportJson>(`/api/v1/contacts/imports/${imp.id}/cancel`, { method: "POST" });
    setCancelling(false);
    if (!res.ok) return setCancelError(res.message);
    queryClient.setQueryData([...crmQueryKeys.all, "import", initial.id], res.data);
  }

  const counters: Array<[string, number]> = [
    ["Rows in the file", imp.totalRows],
    ["Rows read", imp.processedRows],
    ["Valid rows", imp.validRows],
    ["Rows with errors", imp.errorRows],
    ["Repeated in the file", imp.duplicateRows],
    ["Contacts added", imp.inserted],
    ["Contacts updated", imp.updated],
    ["Existing contacts skipped", imp.skipped],
  ];

  return (
    <div className="grid gap-6">
      <Card aria-labelledby="import-status">
        <CardHeader titleId="import-status" title="Progress" actions={<ImportStatusBadge status={imp.status} />} />
        <CardBody className="grid gap-4">
          <div className="grid gap-1.5">
            <p role="status" className="text-sm">
              {imp.status === "uploaded"
                ? "This file was uploaded but the import was never started. Upload it again to choose its mapping."
                : active
                  ? imp.status === "committing"
                    ? "Writing the contacts… almost done."
                    : `Checking rows: ${formatCount(imp.processedRows)} of ${formatCount(imp.totalRows)}.`
                  : imp.status === "completed"
                    ? `Done: ${formatCount(imp.inserted)} added, ${formatCount(imp.updated)} updated, ${formatCount(imp.skipped)} skipped, ${formatCount(imp.errorRows)} with errors.`
                    : imp.status === "cancelled"
                      ? "Cancelled. Nothing from this file was imported."
                      : "The import failed. Nothing from this file was imported."}
            </p>
            <div role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2.5 overflow-hidden rounded-full bg-muted">
              <div className={`h-full transition-[width] ${imp.status === "failed" ? "bg-danger" : "bg-primary"}`} style={{ width: `${pct}%` }} />
            </div>
          </div>
          {imp.errorMessage ? <FormError message={imp.errorMessage} /> : null}
          {query.isError ? <FormError message={`Progress could not be refreshed: ${query.error.message}`} /> : null}
          <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-4">
            {counters.map(([label, n]) => (
              <div key={label}>
                <dt className="text-muted-foreground">{label}</dt>
                <dd className="text-lg font-semibold tabular-nums">{formatCount(n)}</dd>
              </div>
            ))}
          </dl>
          <div className="flex flex-wrap items-center gap-2">
            {imp.errorRows ? (
              <a href={`/api/v1/contacts/imports/${imp.id}/errors.csv`} download className={buttonClasses({ variant: "outline", size: "sm" })}>
                <Download aria-hidden className="size-4" />
                Download the error report ({formatCount(imp.errorRows)} row{imp.errorRows === 1 ? "" : "s"})
              </a>
            ) : null}
            {imp.status === "completed" ? (
              <Link href="/crm?sort=newest" className={buttonClasses({ size: "sm" })}>
                View contacts
              </Link>
            ) : null}
            {active && canImport ? (
              <Button variant="danger-outline" size="sm" pending={cancelling} onClick={() => void cancel()}>
                Cancel import
              </Button>
            ) : null}
            {imp.status === "uploaded" || !active ? (
              <Link href="/crm/imports/new" className={buttonClasses({ variant: "ghost", size: "sm" })}>
                Import another file
              </Link>
            ) : null}
          </div>
          <FormError message={cancelError} />
        </CardBody>
      </Card>
      <Card aria-labelledby="import-details">
        <CardHeader titleId="import-details" title="Details" />
        <CardBody>
          <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
            <dt className="text-muted-foreground">Existing emails</dt>
            <dd>{imp.policy === "skip" ? "Skipped" : imp.policy === "update" ? "Updated with the file's values" : "Only empty fields filled"}</dd>
            <dt className="text-muted-foreground">Columns imported</dt>
            <dd>
              {Object.entries(imp.mapping)
                .filter(([, t]) => t)
                .map(([h, t]) => `${h} → ${t}`)
                .join(", ") || "—"}
            </dd>
            <dt className="text-muted-foreground">Started</dt>
            <dd>{formatTimestamp(imp.createdAt, timeZone)}</dd>
            <dt className="text-muted-foreground">Finished</dt>
            <dd>{imp.finishedAt ? formatTimestamp(imp.finishedAt, timeZone) : "—"}</dd>
          </dl>
        </CardBody>
      </Card>
    </div>
  );
}
