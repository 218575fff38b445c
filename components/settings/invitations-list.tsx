"use client";
// Pending invitations: who was invited, with which role, until when; copy the link again or revoke it.
// Never show accepted or revoked invitations as pending: the list comes from the engine's pending rows only.
import { useQueryClient } from "@tanstack/react-query";
import { ROLE_LABELS, isRole } from "@/lib/auth/permissions";
import { queryKeys } from "@/lib/query-keys";
import { revokeInvitationAction } from "@/app/(app)/settings/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { TableFrame, Td, Th, Tr } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";

export interface InvitationView {
  id: string;
  email: string;
  role: string | null;
  inviterName: string;
  expires: string;
  url: string;
}

export function InvitationsList({ invitations }: { invitations: InvitationView[] }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  if (!invitations.length) {
    return <EmptyState title="No pending invitations" description="Invitations you create appear here until they are accepted, revoked or expire." />;
  }
  return (
    <TableFrame label="Pending invitations">
      <thead>
        <tr>
          <Th>Email</Th>
          <Th>Role</Th>
          <Th>Expires</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {invitations.map((inv) => (
          <Tr key={inv.id}>
            <Td className="font-medium break-all">{inv.email}</Td>
            <Td>{inv.role && isRole(inv.role) ? ROLE_LABELS[inv.role] : (inv.role ?? "Viewer")}</Td>
            <Td className="whitespace-nowrap">
              {inv.expires}
              <span className="block text-xs text-muted-foreground">invited by {inv.inviterName}</span>
            </Td>
            <Td>
              <div className="flex justify-end gap-2">
                <CopyButton value={inv.url} label="Copy link" />
                <ConfirmDialog
                  trigger={
                    <Button variant="ghost" size="sm" aria-label={`Revoke the invitation for ${inv.email}`}>
                      Revoke
                    </Button>
                  }
                  title={`Revoke the invitation for ${inv.email}?`}
                  description="The link stops working at once. You can invite them again later."
                  confirmLabel="Revoke invitation"
                  onConfirm={async () => {
                    const res = await revokeInvitationAction({ invitationId: inv.id });
                    if (!res.ok) return res.message;
                    void queryClient.invalidateQueries({ queryKey: queryKeys.audit.all });
                    toast.success(`The invitation for ${inv.email} was revoked.`);
                    return null;
                  }}
                />
              </div>
            </Td>
          </Tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
