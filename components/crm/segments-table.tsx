// The segments list: name, kind (rules or hand-picked list), current size and last change.
// Never count in this component: each row's count loads on its own.
import Link from "next/link";
import { formatTimestamp } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { TableFrame, Td, Th, Tr } from "@/components/ui/table";
import { SegmentCountCell } from "./segment-count-cell";

export interface SegmentListItem {
  id: string;
  name: string;
  kind: string;
  updatedAt: Date;
}

export function SegmentsTable({ segments, timeZone }: { segments: SegmentListItem[]; timeZone: string }) {
  return (
    <TableFrame label="Segments">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Kind</Th>
          <Th className="text-right">Contacts</Th>
          <Th>Last changed</Th>
        </tr>
      </thead>
      <tbody>
        {segments.map((s) => (
          <Tr key={s.id}>
            <Td className="font-medium">
              <Link href={`/crm/segments/${s.id}`} className="rounded underline-offset-2 hover:underline">
                {s.name}
              </Link>
            </Td>
            <Td>{s.kind === "static" ? <Badge>Static list</Badge> : <Badge tone="info">Dynamic</Badge>}</Td>
            <Td className="text-right">
              <SegmentCountCell id={s.id} />
            </Td>
            <Td className="whitespace-nowrap text-muted-foreground">{formatTimestamp(s.updatedAt, timeZone)}</Td>
          </Tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
