// The Analytics page: a plain notice that the Analytics engine is not built yet, and what it will do.
// Never add sample figures or charts here; real data arrives with the engine.
import type { Metadata } from "next";
import { EnginePlaceholder } from "@/components/shell/engine-placeholder";
import { getPageCtx } from "../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Analytics" };

export default async function AnalyticsPage() {
  await getPageCtx();
  return (
    <EnginePlaceholder
      title="Analytics"
      summary="Reports built from the events AICMO records: campaigns, contacts, posts and ads."
      plans={[
        "Roll up results per campaign and per channel, daily, in the workspace's time zone.",
        "Compare spend with outcomes to show cost per result.",
        "Model customer value from purchase history.",
        "Show only figures computed from your own data.",
      ]}
    />
  );
}
