"use client";
// The members table: each person's role (changeable by owners and admins) and removal behind a confirmation.
// Never offer a role above the actor's own, or controls on rows the actor may not change; the engine enforces the same.
import { useOptimistic, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Trash } from "lucide-react";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { queryKeys } from "@/lib/query-keys";
import { changeMemberRoleAction, removeMemberAction } from "@/app/(app)/settings/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { NativeSelect } from "@/components/ui/input";
import { TableFrame, Td, Th, Tr } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";

export interface MemberView {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  joined: string;
}

function RoleSelect({ member, roles }: { member: MemberView; roles: Role[] }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [role, setRole] = useOptimistic(member.role);
  return (
    <NativeSelect
      aria-label={`Role of ${member.name}`}
      value={role}
      disabled={pending}
      aria-busy={pending || undefined}
      className="h-9 min-w-36"
      onChange={(e) => {
        const next = e.target.value as Role;
        startTransition(async () => {
          setRole(next);
          const res = await changeMemberRoleAction({ memberId: member.id, role: next });
          if (!res.ok) {
            toast.error(`${member.name}'s role was not changed: ${res.message}`);
            return;
          }
          void queryClient.invalidateQueries({ queryKey: queryKeys.audit.all });
          toast.success(`${member.name} is now ${ROLE_LABELS[next]}.`);
        });
      }}
    >
      {roles.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r]}
        </option>
      ))}
    </NativeSelect>
  );
}

export function MembersTable({
  members,
  currentUserId,
  canManage,
  assignable,
}: {
  members: MemberView[];
  currentUserId: string;
  canManage: boolean;
  /** Roles the actor may hand out; rows whose role is outside this list are read-only for them. */
  assignable: Role[];
}) {
  const toast = useToast();
  const queryClient = useQueryClient();
  return (
    <TableFrame label="Member list">
      <thead>
        <tr>
          <Th>Member</Th>
          <Th>Role</Th>
          <Th>Joined</Th>
          {canManage ? (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {members.map((m) => {
          const self = m.userId === currentUserId;
          const editable = canManage && !self && assignable.includes(m.role);
          return (
            <Tr key={m.id}>
              <Td>
                <span className="font-medium">
                  {m.name}
                  {self ? <span className="ml-1 font-normal text-muted-foreground">(you)</span> : null}
                </span>
                <span className="block text-xs break-all text-muted-foreground">{m.email}</span>
              </Td>
              <Td>{editable ? <RoleSelect member={m} roles={assignable} /> : <Badge>{ROLE_LABELS[m.role]}</Badge>}</Td>
              <Td className="whitespace-nowrap text-muted-foreground">{m.joined}</Td>
              {canManage ? (
                <Td className="text-right">
                  {editable ? (
                    <ConfirmDialog
                      trigger={
                        <Button variant="ghost" size="sm" aria-label={`Remove ${m.name}`}>
                          <Trash aria-hidden className="size-4" />
                          <span className="hidden sm:inline">Remove</span>
                        </Button>
                      }
                      title={`Remove ${m.name}?`}
                      description={`${m.name} (${m.email}) loses access to this workspace at once. Their API keys stop working. You can invite them again later.`}
                      confirmLabel="Remove member"
                      onConfirm={async () => {
                        const res = await removeMemberAction({ memberId: m.id });
                        if (!res.ok) return res.message;
                        void queryClient.invalidateQueries({ queryKey: queryKeys.audit.all });
                        toast.success(`${m.name} was removed.`);
                        return null;
                      }}
                    />
                  ) : null}
                </Td>
              ) : null}
            </Tr>
          );
        })}
      </tbody>
    </TableFrame>
  );
}
