"use client";
// Deletes a campaign after an explicit confirmation, then returns to the list.
// Never delete without the dialog's confirm, and never hide a refusal: the server's message stays in the dialog.
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { Trash } from "lucide-react";
import { queryKeys } from "@/lib/query-keys";
import { deleteCampaignAction } from "@/app/(app)/campaigns/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";

export function DeleteCampaignButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger-outline">
          <Trash aria-hidden className="size-4" />
          Delete
        </Button>
      }
      title={`Delete “${name}”?`}
      description="The campaign is removed for everyone in this workspace. The audit log keeps a record of it. This cannot be undone."
      confirmLabel="Delete campaign"
      onConfirm={async () => {
        const res = await deleteCampaignAction({ id });
        if (!res.ok) return res.message;
        void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns.all });
        void queryClient.invalidateQueries({ queryKey: queryKeys.audit.all });
        toast.success(`Campaign “${name}” deleted.`);
        router.push("/campaigns");
        return null;
      }}
    />
  );
}
