"use client";
// The contacts table: keyset pages (the server's first page, then more through a server action as you scroll), virtualised rows,
// a column chooser, selection with Shift-click ranges, and bulk actions. Never page with offsets, and never keep one view's pages under another's key.
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useQueryStates } from "nuqs";
import { bulkContactsAction, listContactsAction, segmentMembersAction } from "@/app/(app)/crm/actions";
import { CONTACTS_PAGE_SIZE, contactSearchParams, serializeContactSearchParams, toListContactsInput, type ContactFiltersValue } from "@/app/(app)/crm/search-params";
import { LoadMoreLink } from "@/components/ui/load-more-link";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FormError } from "@/components/ui/form-error";
import { useToast } from "@/components/ui/toast";
import { ColumnChooser } from "./column-chooser";
import { CONTACT_COLUMNS, NAME_COLUMN_WIDTH, toContactListItem, type ContactListItem, type ContactSort } from "./contact-columns";
import type { OwnerOption } from "./contact-filters";
import { CONTACT_ROW_HEIGHT, ContactTableRow } from "./contact-row";
import { ContactSortHeader } from "./contact-sort-header";
import type { ApplyBulk } from "./bulk-edit-forms";
import { ContactsBulkBar } from "./contacts-bulk-bar";
import { useSegmentCount } from "./use-segment-count";
import { EnrichSelectAllBanner } from "./enrich-select-all-banner";
import { ExportCsvLink } from "./export-csv-link";
import { crmQueryKeys } from "@/lib/query-keys";
import { refreshContactLists } from "./refresh-contacts";
import { escapeMayClearSelection } from "./selection-escape";
import { useStartEnrichment } from "./enrichment-runs-provider";
import { useUndoDelete } from "./undo-delete-provider";
import { useColumnVisibility } from "./use-column-visibility";

interface Page {
  items: ContactListItem[];
  nextCursor: string | null;
}

const VIEWPORT_HEIGHT = 640;
/** Start fetching the next page when this many loaded rows are left below the viewport. */
const PREFETCH_ROWS = 15;

const TH = "sticky top-0 z-10 border-b border-border bg-muted px-3 py-2.5 text-left text-xs font-semibold tracking-wide text-muted-foreground uppercase";

/** The export endpoint's URL for this view: the same filters as the list, so the file is what the table shows. */
function exportHref(input: ReturnType<typeof toListContactsInput>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(input)) if (v && k !== "sort") params.set(k, String(v));
  const q = params.toString();
  return q ? `/api/v1/contacts/export?${q}` : "/api/v1/contacts/export";
}

function plural(n: number, word = "contact") {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function ContactsTable({
  initialPage,
  filters,
  owners,
  timeZone,
  canWrite,
  canDelete,
  canMoveBackward,
  canExport,
}: {
  initialPage: Page;
  filters: ContactFiltersValue;
  owners: OwnerOption[];
  timeZone: string;
  canWrite: boolean;
  canDelete: boolean;
  canMoveBackward: boolean;
  /** Offer the filtered view as a CSV download (the export endpoint takes the same filters). */
  canExport?: boolean;
}) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const { visible, setVisible, reset } = useColumnVisibility();
  const input = toListContactsInput(filters);
  const start = filters.cursor ?? "";

  const query = useInfiniteQuery({
    queryKey: crmQueryKeys.contacts.list({
      q: input.q ?? "",
      stage: input.stage ?? null,
      tag: input.tag ?? "",
      companyId: input.companyId ?? null,
      ownerUserId: input.ownerUserId ?? null,
      segmentId: input.segmentId ?? null,
      sort: input.sort,
      start,
    }),
    queryFn: async ({ pageParam }): Promise<Page> => {
      const res = await listContactsAction({ ...input, cursor: pageParam || undefined, limit: CONTACTS_PAGE_SIZE });
      if (!res.ok) throw new Error(res.message);
      return { items: res.data.items.map(toContactListItem), nextCursor: res.data.nextCursor };
    },
    initialPageParam: start,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [initialPage], pageParams: [start] },
  });

  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const ownerNames = useMemo(() => new Map(owners.map((o) => [o.userId, o.name])), [owners]);
  const selectable = canWrite || canDelete;

  // Selection: ids, plus the row last toggled without Shift (the anchor of a Shift-click range).
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const anchor = useRef<number | null>(null);
  const selectedLoaded = rows.filter((r) => selected.has(r.id));
  const allSelected = rows.length > 0 && selectedLoaded.length === rows.length;
  const someSelected = selectedLoaded.length > 0 && !allSelected;

  // "Select all N in this segment": Enrich then runs over the whole segment. Any other change of selection ends it.
  const [segmentWide, setSegmentWide] = useState(false);

  const onToggle = useCallback(
    (index: number, shiftKey: boolean) => {
      const row = rows[index];
      if (!row) return;
      setSegmentWide(false);
      setSelected((prev) => {
        const next = new Set(prev);
        const on = !prev.has(row.id);
        const from = shiftKey && anchor.current !== null ? Math.min(anchor.current, index) : index;
        const to = shiftKey && anchor.current !== null ? Math.max(anchor.current, index) : index;
        for (let i = from; i <= to; i++) {
          const id = rows[i]?.id;
          if (!id) continue;
          if (on) next.add(id);
          else next.delete(id);
        }
        return next;
      });
      anchor.current = index;
    },
    [rows],
  );

  const clearSelection = useCallback(() => {
    setSelected(new Set());
    setSegmentWide(false);
    anchor.current = null;
  }, []);

  // Escape drops the selection, unless focus is in a text field or a dialog/popover that takes Escape for itself.
  const hasSelection = selected.size > 0;
  useEffect(() => {
    if (!hasSelection) return;
    function onKey(e: KeyboardEvent) {
      if (e.key !== "Escape" || e.defaultPrevented || e.isComposing) return;
      if (escapeMayClearSelection(e.target)) clearSelection();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [hasSelection, clearSelection]);

  // Sortable headers write the same URL param as the sort dropdown (nuqs keeps both in step); the server re-renders the list.
  const [sorting, startSorting] = useTransition();
  const [{ sort }, setSortParams] = useQueryStates(
    { sort: contactSearchParams.sort, cursor: contactSearchParams.cursor },
    { shallow: false, startTransition: startSorting },
  );
  const onSort = useCallback((next: ContactSort) => void setSortParams({ sort: next, cursor: null }), [setSortParams]);

  const headerCheckbox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (headerCheckbox.current) headerCheckbox.current.indeterminate = someSelected;
  }, [someSelected]);

  // Virtualised rows inside a scrolling frame; the first render (server and hydration) assumes a viewport so rows are in the HTML.
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns fresh functions each render by design; the React Compiler lint flags that, and it is fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CONTACT_ROW_HEIGHT,
    overscan: 10,
    initialRect: { width: 1024, height: VIEWPORT_HEIGHT },
  });
  const virtualRows = virtualizer.getVirtualItems();
  const padTop = virtualRows[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (virtualRows[virtualRows.length - 1]?.end ?? 0);
  const lastVisible = virtualRows[virtualRows.length - 1]?.index ?? -1;

  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = query;
  useEffect(() => {
    // Infinite scroll: near the end of what is loaded, ask for the next keyset page.
    if (lastVisible >= 0 && lastVisible >= rows.length - PREFETCH_ROWS && hasNextPage && !isFetchingNextPage && !isError) {
      void fetchNextPage();
    }
  }, [lastVisible, rows.length, hasNextPage, isFetchingNextPage, isError, fetchNextPage]);

  const refresh = useCallback(() => refreshContactLists(queryClient), [queryClient]);
  const offerUndo = useUndoDelete();

  const apply = useCallback(
    async (bulk: Record<string, unknown>): ReturnType<ApplyBulk> => {
      const ids = [...selected];
      try {
        const res = await bulkContactsAction({ ...bulk, ids });
        if (!res.ok) {
          // A backward move without a reason: the message goes under the form's Reason field.
          if (res.fieldErrors?.reason) return { message: res.message, fieldErrors: res.fieldErrors };
          const extra = res.code === "FORBIDDEN" && bulk.action === "stage" ? " Nothing was changed." : "";
          return `${res.message}${extra}`;
        }
        const n = res.data.affected;
        const done =
          bulk.action === "tag"
            ? `Updated tags on ${plural(n)}.`
            : bulk.action === "stage"
              ? n
                ? `Moved ${plural(n)}.`
                : "Those contacts were already at that stage."
              : `Changed the owner of ${plural(n)}.`;
        toast.success(done);
        void refresh();
        return null;
      } catch {
        return "The server could not be reached. Check your connection and try again.";
      }
    },
    [selected, toast, refresh],
  );

  const [deleting, setDeleting] = useState(false);
  const [enriching, setEnriching] = useState(false);
  const startEnrichment = useStartEnrichment();

  // The whole segment is on offer only when the list is the segment itself (no other filter narrows it) and more of it
  // exists than is loaded; its size comes from the segments engine.
  const filterSegmentId = input.segmentId ?? null;
  const onlySegment = !!filterSegmentId && !input.q && !input.stage && !input.tag && !input.companyId && !input.ownerUserId;
  // Once chosen, the whole segment stays selected while more pages load (the new rows are part of it anyway).
  const offerSegment = canWrite && !!startEnrichment && onlySegment && (segmentWide || (allSelected && !!hasNextPage));
  const segmentCount = useSegmentCount(filterSegmentId, { enabled: offerSegment, staleTime: 60_000 });
  const segmentTotal = offerSegment && segmentCount.data !== undefined && (segmentWide || segmentCount.data > rows.length) ? segmentCount.data : null;
  const wholeSegment = segmentWide && segmentTotal !== null;

  const addToList = useCallback(
    async (segmentId: string): Promise<string | null> => {
      try {
        const res = await segmentMembersAction({ id: segmentId, action: "add", contactIds: [...selected] });
        if (!res.ok) return res.message;
        const { added, unchanged } = res.data;
        toast.success(`Added ${plural(added)} to the list${unchanged ? ` (${unchanged} already on it)` : ""}.`);
        void queryClient.invalidateQueries({ queryKey: crmQueryKeys.segments.all });
        return null;
      } catch {
        return "The server could not be reached. Check your connection and try again.";
      }
    },
    [selected, toast, queryClient],
  );

  async function enrichSelected() {
    if (!startEnrichment) return;
    setEnriching(true);
    try {
      const message = await startEnrichment(wholeSegment && filterSegmentId ? { scope: "segment", segmentId: filterSegmentId } : { scope: "contacts", ids: [...selected] });
      if (message) toast.error(message);
    } finally {
      setEnriching(false);
    }
  }

  async function deleteSelected() {
    setDeleting(true);
    try {
      const res = await bulkContactsAction({ action: "delete", ids: [...selected] });
      if (!res.ok) {
        toast.error(res.message);
        return;
      }
      clearSelection();
      offerUndo({ ids: res.data.undo?.ids ?? [], message: `Deleted ${plural(res.data.affected)}.` });
      void refresh();
    } catch {
      toast.error("The server could not be reached. Nothing was deleted.");
    } finally {
      setDeleting(false);
    }
  }


  const nextCursor = query.data?.pages[query.data.pages.length - 1]?.nextCursor ?? null;
  const colCount = visible.length + 1 + (selectable ? 1 : 0);
  const tableWidth = (selectable ? 40 : 0) + NAME_COLUMN_WIDTH + visible.reduce((w, id) => w + CONTACT_COLUMNS[id].width, 0);

  return (
    <div className="grid grid-cols-1 gap-3">
      <div className="flex min-h-10 flex-wrap items-center justify-between gap-2">
        {selected.size ? (
          <ContactsBulkBar
            count={selected.size}
            owners={owners}
            canWrite={canWrite}
            canDelete={canDelete}
            canMoveBackward={canMoveBackward}
            deleting={deleting}
            enriching={enriching}
            onApply={apply}
            onDelete={() => void deleteSelected()}
            onEnrich={startEnrichment ? () => void enrichSelected() : undefined}
            onAddToList={addToList}
            onClear={clearSelection}
            segmentTotal={wholeSegment ? (segmentTotal ?? undefined) : undefined}
          />
        ) : (
          <p className="text-sm text-muted-foreground">
            {selectable ? "Select contacts to tag, move, assign or delete them. Shift-click selects a range." : "Your role can view contacts."}
          </p>
        )}
        <div className="flex items-center gap-2">
          {canExport && !selected.size ? (
            <ExportCsvLink href={exportHref(input)} />
          ) : null}
          <ColumnChooser visible={visible} onChange={setVisible} onReset={reset} />
        </div>
      </div>

      {offerSegment && (segmentCount.isPending || segmentTotal !== null) ? (
        <EnrichSelectAllBanner
          loaded={wholeSegment ? selected.size : rows.length}
          total={segmentTotal}
          wholeSegment={wholeSegment}
          onSelectSegment={() => setSegmentWide(true)}
          onSelectLoaded={() => setSegmentWide(false)}
        />
      ) : null}

      <div
        ref={scrollRef}
        role="region"
        aria-label="Contact list"
        aria-busy={sorting || undefined}
        tabIndex={0}
        className="relative max-h-[min(70dvh,40rem)] min-w-0 overflow-auto rounded-lg border border-border bg-card"
      >
        <table className="border-collapse text-sm" style={{ tableLayout: "fixed", width: `max(100%, ${tableWidth}px)` }} aria-rowcount={hasNextPage ? -1 : rows.length + 1}>
          <colgroup>
            {selectable ? <col style={{ width: 40 }} /> : null}
            <col style={{ width: NAME_COLUMN_WIDTH }} />
            {visible.map((id) => (
              <col key={id} style={{ width: CONTACT_COLUMNS[id].width }} />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              {selectable ? (
                <th scope="col" className={cn(TH, "px-0 text-center")}>
                  <input
                    ref={headerCheckbox}
                    type="checkbox"
                    className="size-4 cursor-pointer accent-primary align-middle"
                    checked={allSelected}
                    disabled={!rows.length}
                    aria-label={`Select all ${rows.length} loaded contacts`}
                    onChange={() => {
                      setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)));
                      setSegmentWide(false);
                      anchor.current = null;
                    }}
                  />
                </th>
              ) : null}
              <ContactSortHeader column="name" label="Name" sort={sort} onSort={onSort} className={TH} />
              {visible.map((id) => (
                <ContactSortHeader
                  key={id}
                  column={id}
                  label={CONTACT_COLUMNS[id].label}
                  sort={sort}
                  onSort={onSort}
                  className={TH}
                  alignRight={CONTACT_COLUMNS[id].align === "right"}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {padTop > 0 ? (
              <tr aria-hidden>
                <td colSpan={colCount} style={{ height: padTop, padding: 0 }} />
              </tr>
            ) : null}
            {virtualRows.map((v) => {
              const c = rows[v.index]!;
              return (
                <ContactTableRow
                  key={c.id}
                  contact={c}
                  index={v.index}
                  columns={visible}
                  selected={selected.has(c.id)}
                  selectable={selectable}
                  ownerNames={ownerNames}
                  timeZone={timeZone}
                  onToggle={onToggle}
                />
              );
            })}
            {padBottom > 0 ? (
              <tr aria-hidden>
                <td colSpan={colCount} style={{ height: padBottom, padding: 0 }} />
              </tr>
            ) : null}
          </tbody>
        </table>
        {rows.length === 0 ? <p className="px-4 py-8 text-center text-sm text-muted-foreground">No contacts left in this view.</p> : null}
      </div>

      {query.isError ? <FormError message={`More contacts could not be loaded: ${query.error.message}`} /> : null}
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-muted-foreground">
        <p role="status">
          {isFetchingNextPage ? "Loading more contacts… " : ""}
          Showing {plural(rows.length)}
          {filters.cursor ? " (not from the first page)" : ""}
          {hasNextPage ? "; scroll for more." : rows.length ? ", that is all." : "."}
        </p>
        <div className="flex items-center gap-2">
          {filters.cursor ? (
            <Link href={serializeContactSearchParams("/crm", { ...filters, cursor: null })} className={buttonClasses({ variant: "ghost", size: "sm" })}>
              Back to the first page
            </Link>
          ) : null}
          {nextCursor ? (
            <LoadMoreLink href={serializeContactSearchParams("/crm", { ...filters, cursor: nextCursor })} loading={isFetchingNextPage} onLoad={() => void fetchNextPage()} />
          ) : null}
        </div>
      </div>
    </div>
  );
}
