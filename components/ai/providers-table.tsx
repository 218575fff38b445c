"use client";
// The workspace's AI providers with their health: key status, circuit breaker, calls and error rate in 24 h, p50/p95 latency.
// Never render key material or header values (the view has neither), and never offer admin controls to roles without ai.manage.
import { useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Pencil, Plus, Power, PowerOff, Server, Trash } from "lucide-react";
import type { BreakerStateName } from "@/lib/gateway/breakers";
import type { ProviderKind } from "@/lib/gateway/types";
import { aiQueryKeys, queryKeys } from "@/lib/query-keys";
import { deleteAiProviderAction, updateAiProviderAction } from "@/app/(app)/ai/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { TableFrame, Td, Th, Tr } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { formatCount, formatMs, formatRate, kindLabel } from "./ai-format";
import { BreakerBadge, KeyStatus } from "./provider-badges";
import { ProviderDialog, type EditableProvider } from "./provider-dialog";

export interface ProviderHealthView extends EditableProvider {
  enabled: boolean;
  keyStatus: string;
  keyStatusReason: string | null;
  breaker: BreakerStateName;
  calls24h: number;
  errors24h: number;
  errorRate24h: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export function AddProviderButton({ size = "md" }: { size?: "sm" | "md" }) {
  return (
    <ProviderDialog
      trigger={
        <Button size={size}>
          <Plus aria-hidden className="size-4" />
          Add provider
        </Button>
      }
    />
  );
}

export function ProvidersTable({ providers, canManage }: { providers: ProviderHealthView[]; canManage: boolean }) {
  if (!providers.length) {
    return (
      <EmptyState
        icon={<Server aria-hidden />}
        title="No AI providers configured"
        description="Every AI feature in this workspace currently answers from the built-in offline provider: templated text, not a model, at no cost. Add a provider to use a real model."
        action={canManage ? <AddProviderButton size="sm" /> : <p className="text-sm text-muted-foreground">An admin can add providers.</p>}
      />
    );
  }
  return (
    <TableFrame label="AI providers">
      <thead>
        <tr>
          <Th>Provider</Th>
          <Th>API key</Th>
          <Th>Breaker</Th>
          <Th className="text-right whitespace-nowrap">Last 24 h</Th>
          <Th className="text-right whitespace-nowrap">p50 / p95</Th>
          {canManage ? (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {providers.map((p) => (
          <ProviderRow key={p.id} provider={p} canManage={canManage} />
        ))}
      </tbody>
    </TableFrame>
  );
}

function ProviderRow({ provider: p, canManage }: { provider: ProviderHealthView; canManage: boolean }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();

  function toggleEnabled() {
    startTransition(async () => {
      const res = await updateAiProviderAction({ id: p.id, enabled: !p.enabled });
      if (!res.ok) {
        toast.error(res.message);
        return;
      }
      void queryClient.invalidateQueries({ queryKey: aiQueryKeys.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit.all });
      toast.success(p.enabled ? `“${p.name}” disabled: chains skip it.` : `“${p.name}” enabled.`);
    });
  }

  return (
    <Tr className={p.enabled ? undefined : "text-muted-foreground"}>
      <Td>
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium text-foreground">{p.name}</span>
          {!p.enabled ? <Badge>Disabled</Badge> : null}
        </div>
        <span className="block text-xs text-muted-foreground">
          {kindLabel(p.kind as ProviderKind)} · <span className="font-mono">{p.model}</span>
        </span>
        {p.baseUrl ? <span className="block max-w-64 truncate font-mono text-xs text-muted-foreground" title={p.baseUrl}>{p.baseUrl}</span> : null}
      </Td>
      <Td>
        <KeyStatus kind={p.kind} hasKey={p.hasKey} hint={p.apiKeyHint} status={p.keyStatus} reason={p.keyStatusReason} />
      </Td>
      <Td>
        <BreakerBadge state={p.breaker} />
      </Td>
      <Td className="text-right whitespace-nowrap tabular-nums">
        {formatCount(p.calls24h)} call{p.calls24h === 1 ? "" : "s"}
        <span className={p.errors24h ? "block text-xs text-danger" : "block text-xs text-muted-foreground"}>
          {p.calls24h ? `${formatRate(p.errorRate24h)} errors (${formatCount(p.errors24h)})` : "no errors"}
        </span>
      </Td>
      <Td className="text-right whitespace-nowrap tabular-nums">
        {p.p50Ms === null ? "—" : `${formatMs(p.p50Ms)} / ${formatMs(p.p95Ms)}`}
      </Td>
      {canManage ? (
        <Td>
          <div className="flex justify-end gap-1">
            <ProviderDialog
              provider={p}
              trigger={
                <Button variant="ghost" size="sm" aria-label={`Edit ${p.name}`}>
                  <Pencil aria-hidden className="size-4" />
                  <span className="hidden xl:inline">Edit</span>
                </Button>
              }
            />
            <Button variant="ghost" size="sm" pending={pending} onClick={toggleEnabled} aria-label={`${p.enabled ? "Disable" : "Enable"} ${p.name}`}>
              {pending ? null : p.enabled ? <PowerOff aria-hidden className="size-4" /> : <Power aria-hidden className="size-4" />}
              <span className="hidden xl:inline">{p.enabled ? "Disable" : "Enable"}</span>
            </Button>
            <ConfirmDialog
              trigger={
                <Button variant="ghost" size="sm" aria-label={`Delete ${p.name}`}>
                  <Trash aria-hidden className="size-4" />
                  <span className="hidden xl:inline">Delete</span>
                </Button>
              }
              title={`Delete “${p.name}”?`}
              description="Its encrypted key is deleted and every chain that names it drops it. Past requests stay in the log. This cannot be undone."
              confirmLabel="Delete provider"
              onConfirm={async () => {
                const res = await deleteAiProviderAction({ id: p.id });
                if (!res.ok) return res.message;
                void queryClient.invalidateQueries({ queryKey: aiQueryKeys.all });
                void queryClient.invalidateQueries({ queryKey: queryKeys.audit.all });
                toast.success(`Provider “${p.name}” deleted.`);
                return null;
              }}
            />
          </div>
        </Td>
      ) : null}
    </Tr>
  );
}
