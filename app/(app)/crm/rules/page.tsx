// Lifecycle rules: "score ≥ 60 → MQL". Lists the workspace's rules; managers create, edit, enable, delete and run them.
// Never evaluate rules while rendering: the page only loads rules and the rule builder's options.
import type { Metadata } from "next";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listLifecycleRules } from "@/lib/crm";
import { CrmHeader } from "@/components/crm/crm-header";
import { LifecycleRulesList } from "@/components/crm/lifecycle-rules-list";
import { TableSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../../page-ctx";
import { loadRuleBuilderOptions } from "../segments/builder-options";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Lifecycle rules · CRM" };

async function RulesLoader({ ctx, canManage }: { ctx: Ctx; canManage: boolean }) {
  const [rules, options] = await Promise.all([listLifecycleRules(ctx), loadRuleBuilderOptions(ctx)]);
  return (
    <LifecycleRulesList
      rules={rules.map(({ id, name, condition, toStage, enabled, problem }) => ({ id, name, condition, toStage, enabled, problem }))}
      options={options}
      canManage={canManage}
    />
  );
}

export default async function LifecycleRulesPage() {
  const ctx = await getPageCtx();
  const canManage = can(ctx.role, "crm.manage");
  return (
    <>
      <CrmHeader
        active="rules"
        description="Rules move contacts forward in the funnel automatically, e.g. “score ≥ 60 → MQL”. They never move anyone backwards."
      />
      <WidgetBoundary title="Lifecycle rules" fallback={<TableSkeleton label="Loading lifecycle rules" columns={4} rows={3} />}>
        <RulesLoader ctx={ctx} canManage={canManage} />
      </WidgetBoundary>
    </>
  );
}
