// The Publishing page: a plain notice that the Publishing engine is not built yet, and what it will do.
// Never add sample figures or charts here; real data arrives with the engine.
import type { Metadata } from "next";
import { EnginePlaceholder } from "@/components/shell/engine-placeholder";
import { getPageCtx } from "../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Publishing" };

export default async function PublishingPage() {
  await getPageCtx();
  return (
    <EnginePlaceholder
      title="Publishing"
      summary="Plan, approve and publish posts to your social channels from one calendar."
      plans={[
        "Compose posts once and tailor them per channel.",
        "Schedule posts on a calendar in the workspace's time zone.",
        "Route posts through approval before they go out.",
        "Publish from a background queue with retries, and record the outcome per channel.",
      ]}
    />
  );
}
