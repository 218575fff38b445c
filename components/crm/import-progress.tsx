"use client";
// One import's progress: a bar and counters polled from the import status endpoint until it settles, then the results,
// the error report download and a way to the contacts. Never poll a settled import, and never hide a failure's message.
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Download } from "lucide-react";
import type { ImportJson } from "@/lib/crm/import/schemas";
import { formatTimestamp } from "@/components/format";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/form-error";
import { formatCount } from "./crm-format";
import { crmQueryKeys } from "@/lib/query-keys";
import { completedSummary, importedColumns, repeatedRowsNote, stageMovesRefusedNote, unchangedLabel } from "./import-labels";
import { ImportStatusBadge, isImportActive } from "./import-status-badge";
import { refreshContactLists } from "./refresh-contacts";
import { apiJson } from "./rest-client";

const POLL_MS = 1000;

/**
 * Outcome counts of the commit that an import's JSON may carry (see CommitCounts in the import engine). Optional:
 * an import that has not committed, or a record written before they were kept, has none, and then nothing is said.
 */
type ImportOutcome = ImportJson;

export function ImportProgress({
  initial,
  canImport,
  timeZone,
  customLabels = {},
}: {
  initial: ImportJson;
  canImport: boolean;
  timeZone: string;
  /** The workspace's contact custom field labels by key, to name `custom.<key>` columns as the wizard does. */
  customLabels?: Record<string, string>;
}) {
  const queryClient = useQueryClient();
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
  const imp: ImportOutcome = query.data;
  const active = isImportActive(imp.status);
  const pct = Math.round(imp.progress * 100);

  /** Returns the refusal to show in the dialog, or null once cancelled. */
  async function cancel(): Promise<string | null> {
    const res = await apiJson<ImportJson>(`/api/v1/contacts/imports/${imp.id}/cancel`, { method: "POST" });
    if (!res.ok) return res.message;
    queryClient.setQueryData([...crmQueryKeys.all, "import", initial.id], res.data);
    return null;
  }

  const counters: Array<[string, number]> = [
    ["Rows in the file", imp.totalRows],
    ["Rows read", imp.processedRows],
    ["Valid rows", imp.validRows],
    ["Rows with errors", imp.errorRows],
    ["Repeated emails", imp.duplicateRows],
    ["Contacts added", imp.inserted],
    ["Contacts updated", imp.updated],
    [unchangedLabel(imp.policy).counter, imp.skipped],
  ];
  // Said only when something happened: most imports create no company and move no stage.
  const extras: Array<[string, number | undefined]> = [
    ["Lifecycle stages changed", imp.stageChanges],
    ["Companies created", imp.companiesCreated],
    ["Custom fields created", imp.customFieldsCreated],
  ];
  for (const [label, n] of extras) if (n) counters.push([label, n]);
  const columns = importedColumns(imp.mapping, customLabels);
  // The engine's own cancel message repeats the status line, and a cancel the user asked for is not an error.
  const failureMessage = imp.status === "cancelled" ? null : imp.errorMessage;
  // The report lists rows with errors (found while checking) and rows the commit dropped or left partly unapplied
  // (repeated emails, refused stage moves): these sets do not overlap, so their sum is the report's row count.
  // A cancelled import keeps no report (nothing of it was imported, and its rows are discarded with it).
  const reportRows = imp.status === "cancelled" ? 0 : imp.errorRows + imp.duplicateRows + (imp.stageMovesRefused ?? 0);

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
                    ? completedSummary(imp, formatCount)
                    : imp.status === "cancelled"
                      ? "Cancelled. Nothing from this file was imported."
                      : "The import failed. Nothing from this file was imported."}
            </p>
            <div role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2.5 overflow-hidden rounded-full bg-muted">
              <div className={`h-full transition-[width] ${imp.status === "failed" ? "bg-danger" : imp.status === "cancelled" ? "bg-muted-foreground/40" : "bg-primary"}`} style={{ width: `${pct}%` }} />
            </div>
          </div>
          <FormError message={failureMessage} />
          {query.isError ? <FormError message={`Progress could not be refreshed: ${query.error.message}`} /> : null}
          <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-4">
            {counters.map(([label, n]) => (
              <div key={label}>
                <dt className="text-muted-foreground">{label}</dt>
                <dd className="text-lg font-semibold tabular-nums">{formatCount(n)}</dd>
              </div>
            ))}
          </dl>
          {imp.duplicateRows > 0 || imp.stageMovesRefused ? (
            <ul className="grid gap-1 text-sm text-muted-foreground">
              {imp.duplicateRows > 0 ? <li>{repeatedRowsNote(imp.duplicateRows, formatCount)}</li> : null}
              {imp.stageMovesRefused ? <li className="text-foreground">{stageMovesRefusedNote(imp.stageMovesRefused, formatCount)}</li> : null}
            </ul>
          ) : null}
          <div className="flex flex-wrap items-center gap-2">
            {reportRows > 0 ? (
              <a href={`/api/v1/contacts/imports/${imp.id}/errors.csv`} download className={buttonClasses({ variant: "outline", size: "sm" })}>
                <Download aria-hidden className="size-4" />
                Download the error report ({formatCount(reportRows)} row{reportRows === 1 ? "" : "s"})
              </a>
            ) : null}
            {imp.errorRows > 0 && imp.status !== "cancelled" ? (
              <a
                href={`/api/v1/contacts/imports/${imp.id}/rows-to-fix.csv`}
                download
                className={buttonClasses({ variant: "outline", size: "sm" })}
                title="The rejected rows as your file had them, with what is wrong in the first column: fix them and import this file again."
              >
                <Download aria-hidden className="size-4" />
                Download the {formatCount(imp.errorRows)} rejected row{imp.errorRows === 1 ? "" : "s"} to fix
              </a>
            ) : null}
            {imp.status === "completed" ? (
              <Link href="/crm?sort=newest" className={buttonClasses({ size: "sm" })}>
                View contacts
              </Link>
            ) : null}
            {active && canImport ? (
              <ConfirmDialog
                trigger={
                  <Button variant="danger-outline" size="sm">
                    Cancel import
                  </Button>
                }
                title="Cancel this import?"
                description="The rows checked so far are thrown away and nothing from this file is imported. You can upload the file again later."
                confirmLabel="Cancel import"
                cancelLabel="Keep importing"
                onConfirm={cancel}
              />
            ) : null}
            {imp.status === "uploaded" || !active ? (
              <Link href="/crm/imports/new" className={buttonClasses({ variant: "ghost", size: "sm" })}>
                Import another file
              </Link>
            ) : null}
          </div>
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
              {columns.length ? (
                <ul className="grid gap-0.5">
                  {columns.map((c) => (
                    <li key={c.header}>
                      <span className="text-muted-foreground">{c.header || "(no name)"}</span> → {c.label}
                    </li>
                  ))}
                </ul>
              ) : (
                "—"
              )}
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
