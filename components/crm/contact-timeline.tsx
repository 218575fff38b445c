"use client";
// A contact's timeline, newest first: the server-rendered first page, then older pages on request (keyset, through an action).
// Never page with offsets; a new note or stage move refetches the loaded pages from the top so nothing is shown twice.
import { useInfiniteQuery } from "@tanstack/react-query";
import { History } from "lucide-react";
import type { TimelinePageView } from "@/app/(app)/crm/load-timeline";
import { listTimelineAction } from "@/app/(app)/crm/actions";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/form-error";
import { crmQueryKeys } from "@/lib/query-keys";
import { TimelineItem } from "./timeline-item";

export function ContactTimeline({ contactId, initialPage, timeZone }: { contactId: string; initialPage: TimelinePageView; timeZone: string }) {
  const query = useInfiniteQuery({
    queryKey: crmQueryKeys.timeline.contact(contactId),
    queryFn: async ({ pageParam }): Promise<TimelinePageView> => {
      const res = await listTimelineAction({ contactId, cursor: pageParam || undefined });
      if (!res.ok) throw new Error(res.message);
      return res.data;
    },
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [initialPage], pageParams: [""] },
  });
  const events = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card aria-labelledby="contact-timeline">
      <CardHeader titleId="contact-timeline" title="Timeline" description="Every touchpoint, stage move, note and consent change, newest first." />
      <CardBody>
        {events.length ? (
          <ol aria-label="Activity" className="grid">
            {events.map((e, i) => (
              <TimelineItem key={e.id} event={e} timeZone={timeZone} last={i === events.length - 1} />
            ))}
          </ol>
        ) : (
          <EmptyState icon={<History aria-hidden />} title="No activity yet" description="Email opens, form fills, purchases, notes and stage moves will show here." />
        )}
        {query.isError ? (
          <div className="mt-4">
            <FormError message={`Older activity could not be loaded: ${query.error.message}`} />
          </div>
        ) : null}
        {query.hasNextPage ? (
          <div className="mt-4 flex justify-center">
            <Button variant="outline" size="sm" pending={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              Show older activity
            </Button>
          </div>
        ) : null}
      </CardBody>
    </Card>
  );
}
