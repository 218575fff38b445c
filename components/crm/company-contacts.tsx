// The contacts who work at a company, on the company's page, with a link to the full filtered contacts list.
// Never load them here: the page passes the engine's companyContacts result (scoped to the workspace, deleted ones excluded).
import Link from "next/link";
import { Users } from "lucide-react";
import type { Contact } from "@/db/schema";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TableFrame, Td, Th, Tr } from "@/components/ui/table";
import { contactDisplayName } from "./crm-format";
import { StageBadge } from "./stage-badge";

export function CompanyContacts({
  companyId,
  contacts,
  total,
}: {
  companyId: string;
  contacts: Array<Pick<Contact, "id" | "email" | "firstName" | "lastName" | "title" | "lifecycleStage">>;
  total: number;
}) {
  return (
    <Card aria-labelledby="company-contacts">
      <CardHeader
        titleId="company-contacts"
        title={`Contacts (${total})`}
        description={total > contacts.length ? `Showing the first ${contacts.length}, by last name.` : "Everyone at this company, by last name."}
        actions={
          total ? (
            <Link href={`/crm?company=${companyId}`} className={buttonClasses({ variant: "outline", size: "sm" })}>
              Open in contacts list
            </Link>
          ) : null
        }
      />
      <CardBody>
        {contacts.length ? (
          <TableFrame label="Contacts at this company">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Job title</Th>
                <Th>Email</Th>
                <Th>Stage</Th>
              </tr>
            </thead>
            <tbody>
              {contacts.map((c) => (
                <Tr key={c.id}>
                  <Td className="font-medium">
                    <Link href={`/crm/contacts/${c.id}`} className="rounded underline-offset-2 hover:underline">
                      {contactDisplayName(c)}
                    </Link>
                  </Td>
                  <Td>{c.title ?? <span className="text-muted-foreground">—</span>}</Td>
                  <Td className="break-all text-muted-foreground">{c.email ?? "—"}</Td>
                  <Td>
                    <StageBadge stage={c.lifecycleStage} />
                  </Td>
                </Tr>
              ))}
            </tbody>
          </TableFrame>
        ) : (
          <EmptyState icon={<Users aria-hidden />} title="No contacts at this company yet" description="Pick this company on a contact, or import contacts with its domain." />
        )}
      </CardBody>
    </Card>
  );
}
