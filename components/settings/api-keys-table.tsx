"use client";
// The workspace's API keys: name, prefix, role, creator, last use and status, with revoke behind a confirmation.
// Never show more of a key than its prefix; the full key is not stored and cannot be shown.
import { useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { ROLE_LABELS, isRole } from "@/lib/auth/permissions";
import { queryKeys } from "@/lib/query-keys";
import { revokeApiKeyAction } from "@/app/(app)/settings/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { TableFrame, Td, Th, Tr } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  role: string;
  createdByName: string;
  created: string;
  lastUsed: string | null;
  revoked: string | null;
}

export function ApiKeysTable({ keys }: { keys: ApiKeyView[] }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  if (!keys.length) {
    return <EmptyState icon={<KeyRound aria-hidden />} title="No API keys yet" description="Create a key to let another tool use AICMO's REST API." />;
  }
  return (
    <TableFrame label="API key list">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Role</Th>
          <Th>Created</Th>
          <Th>Last used</Th>
          <Th>Status</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <Tr key={k.id} className={k.revoked ? "text-muted-foreground" : undefined}>
            <Td>
              <span className="font-medium">{k.name}</span>
              <span className="block font-mono text-xs whitespace-nowrap text-muted-foreground">{k.prefix}…</span>
            </Td>
            <Td>{isRole(k.role) ? ROLE_LABELS[k.role] : k.role}</Td>
            <Td className="whitespace-nowrap">
              {k.created}
              <span className="block text-xs text-muted-foreground">by {k.createdByName}</span>
            </Td>
            <Td className="whitespace-nowrap">{k.lastUsed ?? "Never"}</Td>
            <Td className="whitespace-nowrap">
              {k.revoked ? (
                <>
                  <Badge tone="danger">Revoked</Badge>
                  <span className="block text-xs text-muted-foreground">{k.revoked}</span>
                </>
              ) : (
                <Badge tone="success">Active</Badge>
              )}
            </Td>
            <Td className="text-right">
              {!k.revoked ? (
                <ConfirmDialog
                  trigger={
                    <Button variant="ghost" size="sm" aria-label={`Revoke the API key ${k.name}`}>
                      Revoke
                    </Button>
                  }
                  title={`Revoke “${k.name}”?`}
                  description="Requests with this key are refused from now on. Anything using it stops working. This cannot be undone."
                  confirmLabel="Revoke key"
                  onConfirm={async () => {
                    const res = await revokeApiKeyAction({ apiKeyId: k.id });
                    if (!res.ok) return res.message;
                    void queryClient.invalidateQueries({ queryKey: queryKeys.audit.all });
                    toast.success(`API key “${k.name}” revoked.`);
                    return null;
                  }}
                />
              ) : null}
            </Td>
          </Tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
