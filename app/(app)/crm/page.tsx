// The CRM page: a plain notice that the CRM engine is not built yet, and what it will do.
// Never add sample figures or charts here; real data arrives with the engine.
import type { Metadata } from "next";
import { EnginePlaceholder } from "@/components/shell/engine-placeholder";
import { getPageCtx } from "../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "CRM" };

export default async function CrmPage() {
  await getPageCtx();
  return (
    <EnginePlaceholder
      title="CRM"
      summary="Contacts and companies, their lifecycle stage and every touchpoint, tied to campaigns."
      plans={[
        "Keep contacts and companies with their lifecycle stage (subscriber → lead → customer).",
        "Import and export contacts from CSV, with duplicate detection.",
        "Build segments from properties and events, and score leads.",
        "Attribute deals and events to the campaigns that produced them.",
      ]}
    />
  );
}
