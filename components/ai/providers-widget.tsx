// Overview widget: the workspace's providers with live health, the "Add provider" action for admins, and the offline note.
// Never pass a provider's header values or key fields to the browser: rows are mapped to a view that has neither.
import "server-only";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { providerHealth } from "@/lib/gateway";
import type { ProviderKind } from "@/lib/gateway/types";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { OfflineNote } from "./offline-note";
import { AddProviderButton, ProvidersTable, type ProviderHealthView } from "./providers-table";

export async function ProvidersWidget({ ctx }: { ctx: Ctx }) {
  const health = await providerHealth(ctx);
  const canManage = can(ctx.role, "ai.manage");
  const providers: ProviderHealthView[] = health.map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind as ProviderKind,
    baseUrl: p.baseUrl,
    model: p.model,
    hasKey: p.hasKey,
    apiKeyHint: p.apiKeyHint,
    headerNames: Object.keys(p.headers ?? {}),
    enabled: p.enabled,
    keyStatus: p.keyStatus,
    keyStatusReason: p.keyStatusReason,
    breaker: p.breaker,
    calls24h: p.calls24h,
    errors24h: p.errors24h,
    errorRate24h: p.errorRate24h,
    p50Ms: p.p50Ms,
    p95Ms: p.p95Ms,
  }));
  return (
    <Card aria-labelledby="ai-providers">
      <CardHeader
        titleId="ai-providers"
        title="Providers"
        description="Model vendors this workspace can call, with their health over the last 24 hours."
        actions={canManage && providers.length ? <AddProviderButton size="sm" /> : null}
      />
      <CardBody className="grid grid-cols-1 gap-4">
        <ProvidersTable providers={providers} canManage={canManage} />
        <OfflineNote />
      </CardBody>
    </Card>
  );
}
