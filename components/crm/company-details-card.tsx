"use client";
// "About this company": its fields with provenance badges, the AI summary from enrichment, social profiles, and an edit form.
// Never present the AI summary as fact typed by a person: it is labelled as generated, with its provider, confidence and time.
import { useState, type ReactNode } from "react";
import { ExternalLink, Globe, Pencil, Sparkles } from "lucide-react";
import type { ProvenanceMap } from "@/db/schema";
import { formatTimestamp } from "@/components/format";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { CompanyForm, type CompanyFormInitial } from "./company-form";
import { useCustomFieldDefs } from "./custom-fields-inputs";
import type { OwnerOption } from "./contact-filters";
import { formatCount } from "./crm-format";
import { ProvenanceBadge } from "./provenance-badge";

export interface CompanyDetails extends CompanyFormInitial {
  domains: string[];
  summary: string | null;
  social: Record<string, string>;
  custom: Record<string, unknown>;
  provenance: ProvenanceMap;
  createdAt: Date;
  updatedAt: Date;
}

const NONE = <span className="text-muted-foreground">—</span>;

const NETWORKS: Record<string, string> = {
  linkedin: "LinkedIn",
  x: "X",
  twitter: "X (Twitter)",
  facebook: "Facebook",
  instagram: "Instagram",
  youtube: "YouTube",
  github: "GitHub",
  tiktok: "TikTok",
};

/** Only http(s) links are rendered as links; anything else is shown as text. */
function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : null;
  } catch {
    return null;
  }
}

export function CompanyDetailsCard({
  company: c,
  owners,
  timeZone,
  canWrite,
}: {
  company: CompanyDetails;
  owners: OwnerOption[];
  timeZone: string;
  canWrite: boolean;
}) {
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const customDefs = useCustomFieldDefs("company");
  const owner = c.ownerUserId ? (owners.find((o) => o.userId === c.ownerUserId)?.name ?? "A former member") : null;
  const website = c.website ? safeHref(c.website) : null;
  const rows: Array<{ key: string; label: string; value: ReactNode }> = [
    { key: "domain", label: "Domain", value: c.domain ?? NONE },
    {
      key: "website",
      label: "Website",
      value: website ? (
        <a href={website} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 break-all underline-offset-2 hover:underline">
          {c.website}
          <ExternalLink aria-label="(opens in a new tab)" className="size-3 shrink-0" />
        </a>
      ) : (
        (c.website ?? NONE)
      ),
    },
    { key: "industry", label: "Industry", value: c.industry ?? NONE },
    { key: "employeeCount", label: "Employees", value: c.employeeCount === null ? NONE : <span className="tabular-nums">{formatCount(c.employeeCount)}</span> },
    { key: "country", label: "Country", value: c.country ?? NONE },
    { key: "ownerUserId", label: "Owner", value: owner ?? <span className="text-muted-foreground">No owner</span> },
    { key: "domains", label: "Other domains", value: c.domains.filter((d) => d !== c.domain).join(", ") || NONE },
    { key: "description", label: "Description", value: c.description ? <span className="whitespace-pre-line">{c.description}</span> : NONE },
    ...Object.entries(c.custom).map(([k, v]) => ({
      key: `custom.${k}`,
      label: customDefs.find((d) => d.key === k)?.label ?? k.replace(/_/g, " "),
      value: typeof v === "boolean" ? (v ? "Yes" : "No") : typeof v === "string" || typeof v === "number" ? String(v) : JSON.stringify(v),
    })),
    { key: "updatedAt", label: "Last updated", value: formatTimestamp(c.updatedAt, timeZone) },
  ];
  const social = Object.entries(c.social).filter(([, url]) => typeof url === "string" && url);

  return (
    <div className="grid gap-6">
      <Card aria-labelledby="company-about">
        <CardHeader
          titleId="company-about"
          title="About this company"
          actions={
            canWrite && !editing ? (
              <Button variant="outline" size="sm" onClick={() => setEditing(true)}>
                <Pencil aria-hidden className="size-4" />
                Edit
              </Button>
            ) : null
          }
        />
        <CardBody>
          {editing ? (
            <CompanyForm
              company={c}
              owners={owners}
              onCancel={() => setEditing(false)}
              onSaved={() => {
                toast.success("Company saved.");
                setEditing(false);
              }}
            />
          ) : (
            <dl className="grid gap-x-4 gap-y-3 text-sm sm:grid-cols-[8rem_minmax(0,1fr)]">
              {rows.map((r) => (
                <div key={r.key} className="contents">
                  <dt className="text-muted-foreground">{r.label}</dt>
                  <dd className="flex min-w-0 flex-wrap items-center gap-1.5">
                    <span className="min-w-0">{r.value}</span>
                    <ProvenanceBadge field={r.label} provenance={c.provenance[r.key] ?? c.provenance[r.key.replace(/^custom\./, "")]} timeZone={timeZone} />
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </CardBody>
      </Card>

      <Card aria-labelledby="company-summary">
        <CardHeader
          titleId="company-summary"
          title="AI summary"
          description="Written by the AI gateway during enrichment, from the company's public website."
          actions={<ProvenanceBadge field="Summary" provenance={c.provenance.summary} timeZone={timeZone} />}
        />
        <CardBody>
          {c.summary ? (
            <p className="flex gap-2 text-sm whitespace-pre-line">
              <Sparkles aria-hidden className="mt-0.5 size-4 shrink-0 text-primary" />
              <span>{c.summary}</span>
            </p>
          ) : (
            <p className="text-sm text-muted-foreground">No summary yet. Enrichment writes one when it can read the company&apos;s website.</p>
          )}
        </CardBody>
      </Card>

      <Card aria-labelledby="company-social">
        <CardHeader titleId="company-social" title="Social profiles" />
        <CardBody>
          {social.length ? (
            <ul className="grid gap-2 text-sm">
              {social.map(([network, url]) => {
                const href = safeHref(url);
                const label = NETWORKS[network.toLowerCase()] ?? network;
                return (
                  <li key={network} className="flex flex-wrap items-center gap-2">
                    <Globe aria-hidden className="size-4 text-muted-foreground" />
                    <span className="w-24 shrink-0 text-muted-foreground">{label}</span>
                    {href ? (
                      <a href={href} target="_blank" rel="noopener noreferrer" className="min-w-0 break-all underline-offset-2 hover:underline">
                        {url}
                      </a>
                    ) : (
                      <span className="break-all">{url}</span>
                    )}
                    <ProvenanceBadge field={label} provenance={c.provenance[`social.${network}`]} timeZone={timeZone} />
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">No social profiles found yet.</p>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
