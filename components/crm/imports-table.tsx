// The CSV imports of this workspace, newest first: file, status, rows and what became of them, and the error report.
// Never compute progress here: each row is the engine's importToJson, which owns the counters.
import Link from "next/link";
import type { ImportJson } from "@/lib/crm/import/schemas";
import { formatTimestamp } from "@/components/format";
import { TableFrame, Td, Th, Tr } from "@/components/ui/table";
import { formatCount } from "./crm-format";
import { unchangedLabel } from "./import-labels";
import { ImportStatusBadge } from "./import-status-badge";

export function ImportsTable({ imports, timeZone }: { imports: ImportJson[]; timeZone: string }) {
  return (
    <TableFrame label="Imports">
      <thead>
        <tr>
          <Th>File</Th>
          <Th>Status</Th>
          <Th className="text-right">Rows</Th>
          <Th className="text-right">Added</Th>
          <Th className="text-right">Updated</Th>
          <Th className="text-right" title="Existing contacts the file left as they were: skipped, or already up to date">
            Not changed
          </Th>
          <Th className="text-right">Errors</Th>
          <Th>Started</Th>
        </tr>
      </thead>
      <tbody>
        {imports.map((i) => (
          <Tr key={i.id}>
            <Td className="max-w-64 font-medium">
              <Link href={`/crm/imports/${i.id}`} className="block truncate rounded underline-offset-2 hover:underline" title={i.fileName}>
                {i.fileName}
              </Link>
            </Td>
            <Td>
              <ImportStatusBadge status={i.status} />
            </Td>
            <Td className="text-right tabular-nums">{formatCount(i.totalRows)}</Td>
            <Td className="text-right tabular-nums">{formatCount(i.inserted)}</Td>
            <Td className="text-right tabular-nums">{formatCount(i.updated)}</Td>
            <Td className="text-right tabular-nums" title={unchangedLabel(i.policy).counter}>
              {formatCount(i.skipped)}
            </Td>
            <Td className="text-right tabular-nums">
              {i.errorRows && i.status !== "cancelled" ? (
                <a href={`/api/v1/contacts/imports/${i.id}/errors.csv`} download className="text-danger underline-offset-2 hover:underline" aria-label={`Download the ${i.errorRows} error rows of ${i.fileName}`}>
                  {formatCount(i.errorRows)}
                </a>
              ) : (
                formatCount(i.errorRows)
              )}
            </Td>
            <Td className="whitespace-nowrap text-muted-foreground">{formatTimestamp(i.createdAt, timeZone)}</Td>
          </Tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
