// The Ads page: a plain notice that the Ads engine is not built yet, and what it will do.
// Never add sample figures or charts here; real data arrives with the engine.
import type { Metadata } from "next";
import { EnginePlaceholder } from "@/components/shell/engine-placeholder";
import { getPageCtx } from "../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Ads" };

export default async function AdsPage() {
  await getPageCtx();
  return (
    <EnginePlaceholder
      title="Ads"
      summary="Ad campaigns across networks, with budgets and pacing checked against your plan."
      plans={[
        "Connect ad accounts and sync campaigns, spend and results.",
        "Track spend against each campaign's planned budget and flag pacing problems.",
        "Let managers change budgets with an approval trail in the audit log.",
      ]}
    />
  );
}
