// The Playground tab's loader: the campaign choices for roles with ai.use, or a plain notice for roles without it.
// Never render the run form for a role that cannot use AI; the engine refuses anyway, and a dead button misleads.
import "server-only";
import { FlaskConical } from "lucide-react";
import type { Ctx } from "@/lib/auth/context";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { loadCampaignOptions } from "@/app/(app)/ai/picker-options";
import { EmptyState } from "@/components/ui/empty-state";
import { Playground } from "./playground";

export async function PlaygroundWidget({ ctx }: { ctx: Ctx }) {
  if (!can(ctx.role, "ai.use")) {
    return (
      <EmptyState
        icon={<FlaskConical aria-hidden />}
        title="Your role cannot run AI tasks"
        description={`As ${ROLE_LABELS[ctx.role]} you can see providers, chains, the request log and costs. Marketers and up can run tasks here.`}
      />
    );
  }
  return <Playground campaigns={await loadCampaignOptions(ctx)} />;
}
