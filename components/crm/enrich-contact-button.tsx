"use client";
// "Enrich" on a contact's page: runs the enrichment waterfall for this contact now and shows what each provider filled.
// Never claim a value changed when it did not: the report lists exactly the fields the engine wrote, with confidence.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { WandSparkles } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { formatConfidence, providerLabel } from "./crm-format";
import { CrmDialog } from "./crm-dialog";
import { crmQueryKeys } from "@/lib/query-keys";
import { apiJson, type EnrichContactResponse } from "./enrichment-api";
import { refreshContactLists } from "./refresh-contacts";

const FIELD_LABELS: Record<string, string> = {
  firstName: "First name",
  lastName: "Last name",
  phone: "Phone",
  country: "Country",
  seniority: "Seniority",
  department: "Department",
  companyId: "Company",
  employeeCount: "Employees",
  "custom.email_type": "Email type",
  "custom.email_role_account": "Role account",
};

function fieldLabel(path: string): string {
  const [entity, ...rest] = path.split(".");
  const field = rest.join(".");
  const label = FIELD_LABELS[field] ?? field.replace(/^social\./, "").replace(/([A-Z])/g, " $1").replace(/^./, (c) => c.toUpperCase());
  return entity === "company" ? `Company ${label.toLowerCase()}` : label;
}

function valueText(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return v.length > 140 ? `${v.slice(0, 140)}…` : v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

export function EnrichContactButton({ contactId }: { contactId: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [report, setReport] = useState<EnrichContactResponse["report"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function enrich() {
    setError(null);
    setReport(null);
    setOpen(true);
    setPending(true);
    const res = await apiJson<EnrichContactResponse>(`/api/v1/contacts/${contactId}/enrich`, { method: "POST" });
    setPending(false);
    if (!res.ok) return setError(res.message);
    setReport(res.data.report);
    void refreshContactLists(queryClient);
    void queryClient.invalidateQueries({ queryKey: crmQueryKeys.timeline.contact(contactId) });
    // The page re-reads the contact so new values and their provenance badges show.
    router.refresh();
  }

  const filled = report?.providers.flatMap((p) => p.filled.map((f) => ({ ...f, provider: p.provider }))) ?? [];

  return (
    <>
      <Button variant="outline" onClick={() => void enrich()} pending={pending}>
        <WandSparkles aria-hidden className="size-4" />
        Enrich
      </Button>
      <CrmDialog open={open} onOpenChange={setOpen} wide title="Enrichment" description="Providers run in order; each fills only what is missing or less certain.">
        <div className="grid gap-4" aria-live="polite">
          {pending ? <p className="text-sm text-muted-foreground">Enriching… website lookups can take a few seconds.</p> : null}
          <FormError message={error} />
          {report ? (
            <>
              <p className="text-sm font-medium">
                {report.alreadyDone
                  ? "This contact was already enriched in this run; nothing was done twice."
                  : report.fieldsFilled
                    ? `Filled ${report.fieldsFilled} field${report.fieldsFilled === 1 ? "" : "s"}${report.companyCreated ? ", and created the company" : ""}.`
                    : "Nothing new was found; every field stays as it was."}
              </p>
              {filled.length ? (
                <table className="w-full border-collapse text-sm" aria-label="Filled fields">
                  <thead>
                    <tr className="text-left text-xs text-muted-foreground uppercase">
                      <th scope="col" className="border-b border-border py-1.5 pr-3 font-semibold">Field</th>
                      <th scope="col" className="border-b border-border py-1.5 pr-3 font-semibold">Value</th>
                      <th scope="col" className="border-b border-border py-1.5 font-semibold">Source</th>
                    </tr>
                  </thead>
                  <tbody>
                    {filled.map((f) => (
                      <tr key={`${f.provider}:${f.field}`}>
                        <td className="border-b border-border py-1.5 pr-3 align-top">{fieldLabel(f.field)}</td>
                        <td className="border-b border-border py-1.5 pr-3 align-top break-all">{valueText(f.value)}</td>
                        <td className="border-b border-border py-1.5 align-top whitespace-nowrap text-muted-foreground">
                          {providerLabel(f.provider)} · {formatConfidence(f.confidence)}
                          {f.mode === "normalise" ? " · tidied" : f.mode === "replace" ? " · replaced" : ""}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              <ul className="grid gap-1.5 text-sm" aria-label="Providers">
                {report.providers.map((p) => (
                  <li key={p.provider} className="flex flex-wrap items-center gap-2">
                    <Badge tone={p.status === "ran" ? "success" : p.status === "failed" ? "danger" : "neutral"}>
                      {p.status === "ran" ? "Ran" : p.status === "failed" ? "Failed" : "Skipped"}
                    </Badge>
                    <span className="font-medium">{providerLabel(p.provider)}</span>
                    {p.reason ? <span className="text-muted-foreground">{p.reason}</span> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <div className="flex justify-end">
            <Button variant="outline" onClick={() => setOpen(false)}>
              Close
            </Button>
          </div>
        </div>
      </CrmDialog>
    </>
  );
}
