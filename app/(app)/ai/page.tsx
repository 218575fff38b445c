// The AI page: a plain notice that the AI engine is not built yet, and what it will do.
// Never add sample figures or charts here; real data arrives with the engine.
import type { Metadata } from "next";
import { EnginePlaceholder } from "@/components/shell/engine-placeholder";
import { getPageCtx } from "../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "AI" };

export default async function AiPage() {
  await getPageCtx();
  return (
    <EnginePlaceholder
      title="AI"
      summary="An assistant for drafting copy and variants, with cost tracked per campaign."
      plans={[
        "Draft post and ad copy from a campaign's objective.",
        "Generate variants to test, and keep the ones you approve.",
        "Track AI usage and cost per campaign, within limits an admin sets.",
      ]}
    />
  );
}
