"use client";
// The companies list's search box, kept in the URL (nuqs) so the server renders the matching first page.
// Never keep a cursor across a new search: a new search always starts from the first page.
import { useState, useTransition } from "react";
import { debounce, useQueryStates } from "nuqs";
import { companySearchParams } from "@/app/(app)/crm/companies/search-params";
import { Input } from "@/components/ui/input";

export function CompanySearch() {
  const [pending, startTransition] = useTransition();
  const [params, setParams] = useQueryStates(companySearchParams, { shallow: false, startTransition });
  const [draft, setDraft] = useState(params.q);
  return (
    <form role="search" aria-label="Search companies" className="grid max-w-md gap-1" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor="company-search" className="text-xs font-medium text-muted-foreground">
        Search
      </label>
      <Input
        id="company-search"
        type="search"
        value={draft}
        placeholder="Name or domain starts with…"
        maxLength={200}
        onChange={(e) => {
          const v = e.target.value;
          setDraft(v);
          void setParams({ q: v.trim() ? v : null, cursor: null }, { limitUrlUpdates: v ? debounce(350) : undefined });
        }}
      />
      <p role="status" className="min-h-4 text-xs text-muted-foreground">
        {pending ? "Updating results…" : ""}
      </p>
    </form>
  );
}
