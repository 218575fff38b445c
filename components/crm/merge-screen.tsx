"use client";
// The merge screen: two contacts side by side, the record that survives, a choice per differing field, a preview, then confirm.
// Never let the preview and the merge disagree: the engine receives an explicit pick for every field, exactly as previewed.
import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { GitMerge } from "lucide-react";
import { MERGE_FIELDS } from "@/lib/crm/schemas";
import { mergeContactsAction } from "@/app/(app)/crm/actions";
import { formatTimestamp } from "@/components/format";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { CONSENT_LABELS, contactDisplayName, isEmailConsent } from "./crm-format";
import { crmQueryKeys } from "@/lib/query-keys";
import { stageLabel } from "./stage-badge";

type MergeField = (typeof MERGE_FIELDS)[number];
type Side = "a" | "b";

export type MergeContact = { [K in MergeField]: string | number | boolean | null } & {
  id: string;
  companyName: string | null;
  tags: string[];
  createdAt: Date;
};

const LABELS: Record<MergeField, string> = {
  email: "Email",
  firstName: "First name",
  lastName: "Last name",
  phone: "Phone",
  title: "Job title",
  seniority: "Seniority",
  department: "Department",
  companyId: "Company",
  ownerUserId: "Owner",
  source: "Source",
  country: "Country",
  timezone: "Time zone",
  lifecycleStage: "Lifecycle stage",
  score: "Score",
  tier: "Tier",
  ltvMinor: "Lifetime value",
  emailConsent: "Email consent",
  doNotContact: "Do not contact",
};

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === "";
}

export function MergeScreen({
  a,
  b,
  ownerNames,
  timeZone,
}: {
  a: MergeContact;
  b: MergeContact;
  ownerNames: Record<string, string>;
  timeZone: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const contacts = { a, b };
  // The older record survives by default: it is usually the one other systems already point at.
  const [winner, setWinner] = useState<Side>(new Date(a.createdAt) <= new Date(b.createdAt) ? "a" : "b");
  const [choices, setChoices] = useState<Partial<Record<MergeField, Side>>>({});
  const loser: Side = winner === "a" ? "b" : "a";

  const display = (side: Side, f: MergeField): string => {
    const c = contacts[side];
    const v = c[f];
    if (isEmpty(v)) return "—";
    switch (f) {
      case "companyId":
        return c.companyName ?? "A company";
      case "ownerUserId":
        return ownerNames[String(v)] ?? "A former member";
      case "lifecycleStage":
        return stageLabel(String(v));
      case "emailConsent":
        return isEmailConsent(String(v)) ? CONSENT_LABELS[String(v) as keyof typeof CONSENT_LABELS] : String(v);
      case "doNotContact":
        return v ? "Yes" : "No";
      case "ltvMinor":
        return (Number(v) / 100).toLocaleString("en-US", { minimumFractionDigits: 2 });
      default:
        return String(v);
    }
  };

  // Same default as the engine: the winner's value, or the other's when the winner has none.
  const sideFor = (f: MergeField): Side => choices[f] ?? (isEmpty(contacts[winner][f]) && !isEmpty(contacts[loser][f]) ? loser : winner);
  const differing = useMemo(() => MERGE_FIELDS.filter((f) => a[f] !== b[f]), [a, b]);
  const same = MERGE_FIELDS.filter((f) => a[f] === b[f] && !isEmpty(a[f]));
  const tags = [...new Set([...a.tags, ...b.tags])].sort();
  const winnerName = contactDisplayName(contacts[winner] as { firstName: string | null; lastName: string | null; email: string | null });
  const loserName = contactDisplayName(contacts[loser] as { firstName: string | null; lastName: string | null; email: string | null });

  async function merge(): Promise<string | null> {
    const pick = Object.fromEntries(MERGE_FIELDS.map((f) => [f, sideFor(f) === winner ? "winner" : "loser"]));
    try {
      const res = await mergeContactsAction({ winnerId: contacts[winner].id, loserId: contacts[loser].id, pick });
      if (!res.ok) return res.message;
      void queryClient.invalidateQueries({ queryKey: crmQueryKeys.all });
      // Name the contact as it now is: a picked first or last name from the other record changes it.
      toast.success(`Merged into ${contactDisplayName(res.data)}.`);
      router.push(`/crm/contacts/${res.data.id}`);
      return null;
    } catch {
      return "The server could not be reached. Nothing was merged.";
    }
  }

  const header = (side: Side) => {
    const c = contacts[side];
    const name = contactDisplayName(c as { firstName: string | null; lastName: string | null; email: string | null });
    return (
      <th scope="col" className="border-b border-border bg-muted/50 px-3 py-3 text-left align-top">
        <label className="flex items-start gap-2">
          <input type="radio" name="merge-winner" className="mt-1 accent-primary" checked={winner === side} onChange={() => setWinner(side)} />
          <span className="min-w-0">
            <span className="block font-semibold">{name}</span>
            <span className="block text-xs font-normal text-muted-foreground">Created {formatTimestamp(c.createdAt, timeZone)}</span>
            <span className={cn("mt-1 inline-block rounded-full px-2 py-0.5 text-xs font-medium", winner === side ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200" : "bg-muted text-muted-foreground")}>
              {winner === side ? "Survives" : "Merged away"}
            </span>
          </span>
        </label>
      </th>
    );
  };

  return (
    <div className="grid gap-6">
      <Card aria-labelledby="merge-fields">
        <CardHeader
          titleId="merge-fields"
          title="Pick the surviving record and each value"
          description="Choose which contact survives at the top of its column, then, for each field that differs, whose value to keep."
        />
        <div className="relative overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">Fields of the two contacts; pick one value per row.</caption>
            <thead>
              <tr>
                <th scope="col" className="w-36 border-b border-border bg-muted/50 px-3 py-3 text-left text-xs font-semibold text-muted-foreground uppercase">
                  Field
                </th>
                {header("a")}
                {header("b")}
              </tr>
            </thead>
            <tbody>
              {differing.map((f) => (
                <tr key={f}>
                  <th scope="row" className="border-b border-border px-3 py-2.5 text-left font-medium">
                    {LABELS[f]}
                  </th>
                  {(["a", "b"] as const).map((side) => {
                    const chosen = sideFor(f) === side;
                    return (
                      <td key={side} className={cn("border-b border-border px-3 py-2.5", chosen && "bg-primary/5")}>
                        <label className="flex items-start gap-2">
                          <input
                            type="radio"
                            name={`merge-${f}`}
                            className="mt-0.5 accent-primary"
                            checked={chosen}
                            aria-label={`${LABELS[f]}: keep ${display(side, f)}`}
                            onChange={() => setChoices((prev) => ({ ...prev, [f]: side }))}
                          />
                          <span className={cn("break-all", isEmpty(contacts[side][f]) && "text-muted-foreground")}>{display(side, f)}</span>
                        </label>
                      </td>
                    );
                  })}
                </tr>
              ))}
              {!differing.length ? (
                <tr>
                  <td colSpan={3} className="px-3 py-4 text-muted-foreground">
                    The two contacts hold the same values in every field.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
        {same.length ? (
          <CardBody className="border-t border-border text-xs text-muted-foreground">
            The same in both: {same.map((f) => `${LABELS[f]} (${display("a", f)})`).join(", ")}.
          </CardBody>
        ) : null}
      </Card>

      <Card aria-labelledby="merge-preview">
        <CardHeader titleId="merge-preview" title="Preview of the merged contact" description={`${loserName} is folded into ${winnerName}.`} />
        <CardBody className="grid gap-4">
          <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]" aria-label="Merged values">
            {MERGE_FIELDS.filter((f) => !isEmpty(contacts[sideFor(f)][f])).map((f) => (
              <div key={f} className="contents">
                <dt className="text-muted-foreground">{LABELS[f]}</dt>
                <dd className="break-all">{display(sideFor(f), f)}</dd>
              </div>
            ))}
            <div className="contents">
              <dt className="text-muted-foreground">Tags</dt>
              <dd>{tags.length ? tags.join(", ") : "—"}</dd>
            </div>
          </dl>
          <p className="text-sm text-muted-foreground">
            Both timelines, notes, lifecycle histories and segment memberships end up on {winnerName}. {loserName} is removed.
          </p>
          <div>
            <ConfirmDialog
              trigger={
                <Button>
                  <GitMerge aria-hidden className="size-4" />
                  Merge contacts
                </Button>
              }
              title={`Merge into ${winnerName}?`}
              description={`${loserName} will be removed and everything it carried moves to ${winnerName}, with the values you picked. This cannot be undone.`}
              confirmLabel="Merge"
              onConfirm={merge}
            />
          </div>
        </CardBody>
      </Card>
    </div>
  );
}
