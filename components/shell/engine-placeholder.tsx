// The page body for an engine that is not built yet: says so plainly and lists what it will do.
// Never show sample numbers, charts or fake rows here: nothing on this page may look like data.
import { Construction } from "lucide-react";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export function EnginePlaceholder({ title, summary, plans }: { title: string; summary: string; plans: string[] }) {
  return (
    <>
      <PageHeader title={title} description={summary} />
      <Card aria-labelledby="engine-status">
        <CardBody className="grid gap-4">
          <div className="flex items-start gap-3">
            <Construction aria-hidden className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
            <div>
              <h2 id="engine-status" className="font-semibold">
                This engine is not built yet
              </h2>
              <p className="mt-1 text-sm text-muted-foreground">
                There is nothing to show here yet, and nothing on this page is sample data. When it lands, it will:
              </p>
            </div>
          </div>
          <ul className="ml-8 list-disc space-y-1.5 text-sm">
            {plans.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </CardBody>
      </Card>
    </>
  );
}
