"use client";
// The contacts in a segment right now, newest first, in keyset pages; a static list's contacts can be taken off it here.
// Never page with offsets, and never remove a contact from a dynamic segment by hand: its rules decide.
import Link from "next/link";
import { useState } from "react";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import type { SegmentContactPage } from "@/lib/crm/segments";
import { listSegmentContactsAction, segmentMembersAction } from "@/app/(app)/crm/actions";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/form-error";
import { TableFrame, Td, Th, Tr } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { contactDisplayName } from "./crm-format";
import { crmQueryKeys } from "@/lib/query-keys";
import { StageBadge } from "./stage-badge";

const PAGE_SIZE = 50;

export function SegmentMembers({ segmentId, kind, initialPage, canWrite }: { segmentId: string; kind: "dynamic" | "static"; initialPage: SegmentContactPage; canWrite: boolean }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [removing, setRemoving] = useState<string | null>(null);
  const query = useInfiniteQuery({
    queryKey: crmQueryKeys.segments.members(segmentId),
    queryFn: async ({ pageParam }): Promise<SegmentContactPage> => {
      const res = await listSegmentContactsAction({ id: segmentId, cursor: pageParam || undefined, limit: PAGE_SIZE });
      if (!res.ok) throw new Error(res.message);
      return res.data;
    },
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [initialPage], pageParams: [""] },
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const canRemove = kind === "static" && canWrite;

  async function remove(contactId: string, name: string) {
    setRemoving(contactId);
    try {
      const res = await segmentMembersAction({ id: segmentId, action: "remove", contactIds: [contactId] });
      if (!res.ok) return toast.error(res.message);
      toast.success(`${name} was taken off the list.`);
      void queryClient.invalidateQueries({ queryKey: crmQueryKeys.segments.all });
    } finally {
      setRemoving(null);
    }
  }

  return (
    <Card aria-labelledby="segment-members">
      <CardHeader
        titleId="segment-members"
        title="Contacts in this segment"
        description={kind === "static" ? "Add contacts from the contacts list: select them and choose “Add to list”." : "Contacts who match the saved rules right now."}
        actions={
          rows.length ? (
            <Link href={`/crm?segment=${segmentId}`} className={buttonClasses({ variant: "outline", size: "sm" })}>
              Open in contacts list
            </Link>
          ) : null
        }
      />
      <CardBody>
        {rows.length ? (
          <TableFrame label="Segment contacts">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Email</Th>
                <Th>Stage</Th>
                {canRemove ? <Th className="text-right">On the list</Th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => {
                const name = contactDisplayName(c);
                return (
                  <Tr key={c.id}>
                    <Td className="font-medium">
                      <Link href={`/crm/contacts/${c.id}`} className="rounded underline-offset-2 hover:underline">
                        {name}
                      </Link>
                    </Td>
                    <Td className="break-all text-muted-foreground">{c.email ?? "—"}</Td>
                    <Td>
                      <StageBadge stage={c.lifecycleStage} />
                    </Td>
                    {canRemove ? (
                      <Td className="text-right">
                        <Button variant="ghost" size="sm" pending={removing === c.id} onClick={() => void remove(c.id, name)} aria-label={`Remove ${name} from the list`}>
                          Remove
                        </Button>
                      </Td>
                    ) : null}
                  </Tr>
                );
              })}
            </tbody>
          </TableFrame>
        ) : (
          <EmptyState
            title="No contacts in this segment"
            description={kind === "static" ? "Select contacts in the contacts list and choose “Add to list”." : "No contact matches the saved rules today."}
          />
        )}
        {query.isError ? (
          <div className="mt-3">
            <FormError message={`More contacts could not be loaded: ${query.error.message}`} />
          </div>
        ) : null}
        {query.hasNextPage ? (
          <div className="mt-3 flex justify-center">
            <Button variant="outline" size="sm" pending={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              Load more
            </Button>
          </div>
        ) : null}
      </CardBody>
    </Card>
  );
}
