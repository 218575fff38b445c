"use client";
// The contacts list's search, filters (stage, tag, company, owner) and sort, kept in the URL (nuqs) so the server renders that view.
// Never keep a cursor across a filter change: a new filter always starts from the first page.
import Link from "next/link";
import { useState, useTransition } from "react";
import { debounce, useQueryStates } from "nuqs";
import type { Role } from "@/lib/auth/permissions";
import { CONTACT_SORTS, LIFECYCLE_STAGES } from "@/lib/crm/schemas";
import { STAGE_LABELS, type LifecycleStage } from "@/lib/crm/stages";
import { contactSearchParams } from "@/app/(app)/crm/search-params";
import { buttonClasses } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { CompanyCombobox, type CompanyOption } from "./company-combobox";

export interface OwnerOption {
  userId: string;
  name: string;
  email: string;
  /** The member's role, so owner pickers can leave out roles that may not edit contacts (see owner-choices.ts). */
  role?: Role;
}

export const SORT_LABELS: Record<(typeof CONTACT_SORTS)[number], string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  name: "Name (A–Z)",
  email: "Email (A–Z)",
  score: "Score (highest first)",
};

const LABEL = "text-xs font-medium text-muted-foreground";

export function ContactFilters({
  owners,
  company,
  segments,
  currentUserId,
}: {
  owners: OwnerOption[];
  company: CompanyOption | null;
  /** Segments and static lists to filter by. */
  segments: Array<{ id: string; name: string }>;
  currentUserId: string;
}) {
  const [pending, startTransition] = useTransition();
  const [params, setParams] = useQueryStates(contactSearchParams, { shallow: false, startTransition });
  const [q, setQ] = useState(params.q);
  const [tag, setTag] = useState(params.tag);
  const [picked, setPicked] = useState<CompanyOption | null>(null);

  const companyValue: CompanyOption | null = params.company
    ? picked?.id === params.company
      ? picked
      : company?.id === params.company
        ? company
        : { id: params.company, name: "Unknown company" }
    : null;
  const filtered = Boolean(params.q || params.stage || params.tag || params.company || params.owner || params.segment);

  return (
    <form
      role="search"
      aria-label="Filter contacts"
      className="grid grid-cols-2 gap-3 lg:grid-cols-4 lg:items-end"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="col-span-2 grid gap-1">
        <label htmlFor="contact-search" className={LABEL}>
          Search
        </label>
        <Input
          id="contact-search"
          type="search"
          value={q}
          placeholder="Name or email starts with…"
          maxLength={200}
          onChange={(e) => {
            const v = e.target.value;
            setQ(v);
            void setParams({ q: v.trim() ? v : null, cursor: null }, { limitUrlUpdates: v ? debounce(350) : undefined });
          }}
        />
      </div>
      <div className="grid gap-1">
        <label htmlFor="contact-stage" className={LABEL}>
          Lifecycle stage
        </label>
        <NativeSelect
          id="contact-stage"
          value={params.stage ?? ""}
          onChange={(e) => {
            const v = e.target.value;
            const stage = (LIFECYCLE_STAGES as readonly string[]).includes(v) ? (v as LifecycleStage) : null;
            void setParams({ stage, cursor: null });
          }}
        >
          <option value="">Any stage</option>
          {LIFECYCLE_STAGES.map((s) => (
            <option key={s} value={s}>
              {STAGE_LABELS[s]}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1">
        <label htmlFor="contact-tag" className={LABEL}>
          Tag
        </label>
        <Input
          id="contact-tag"
          value={tag}
          placeholder="e.g. webinar"
          maxLength={40}
          onChange={(e) => {
            const v = e.target.value;
            setTag(v);
            void setParams({ tag: v.trim() ? v.trim().toLowerCase() : null, cursor: null }, { limitUrlUpdates: v ? debounce(350) : undefined });
          }}
        />
      </div>
      <div className="grid gap-1">
        <label htmlFor="contact-owner" className={LABEL}>
          Owner
        </label>
        <NativeSelect id="contact-owner" value={params.owner ?? ""} onChange={(e) => void setParams({ owner: e.target.value || null, cursor: null })}>
          <option value="">Anyone</option>
          <option value={currentUserId}>Me</option>
          {owners
            .filter((o) => o.userId !== currentUserId)
            .map((o) => (
              <option key={o.userId} value={o.userId}>
                {o.name}
              </option>
            ))}
          {params.owner && params.owner !== currentUserId && !owners.some((o) => o.userId === params.owner) ? (
            <option value={params.owner}>A former member</option>
          ) : null}
        </NativeSelect>
      </div>
      <div className="grid gap-1">
        <label htmlFor="contact-company" className={LABEL}>
          Company
        </label>
        <CompanyCombobox
          id="contact-company"
          placeholder="Any company"
          value={companyValue}
          onChange={(c) => {
            setPicked(c);
            void setParams({ company: c?.id ?? null, cursor: null });
          }}
        />
      </div>
      <div className="grid gap-1">
        <label htmlFor="contact-segment" className={LABEL}>
          Segment
        </label>
        <NativeSelect id="contact-segment" value={params.segment ?? ""} onChange={(e) => void setParams({ segment: e.target.value || null, cursor: null })}>
          <option value="">All contacts</option>
          {segments.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
          {params.segment && !segments.some((s) => s.id === params.segment) ? <option value={params.segment}>An unknown segment</option> : null}
        </NativeSelect>
      </div>
      <div className="grid gap-1">
        <label htmlFor="contact-sort" className={LABEL}>
          Sort
        </label>
        <NativeSelect
          id="contact-sort"
          value={params.sort}
          onChange={(e) => void setParams({ sort: e.target.value as (typeof CONTACT_SORTS)[number], cursor: null })}
        >
          {CONTACT_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="-mt-1 col-span-2 flex items-center justify-between gap-3 lg:col-span-4">
        <p role="status" className="text-xs text-muted-foreground">
          {pending ? "Updating results…" : ""}
        </p>
        {filtered ? (
          <Link
            href={params.sort === "newest" ? "/crm" : `/crm?sort=${params.sort}`}
            onClick={() => {
              setQ("");
              setTag("");
            }}
            className={buttonClasses({ variant: "ghost", size: "sm" })}
          >
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}
