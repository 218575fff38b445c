"use client";
// Deletes a segment after confirmation; the engine refuses while another segment or a lifecycle rule refers to it.
// Never hide that refusal: the server's message stays in the dialog.
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { Trash } from "lucide-react";
import { deleteSegmentAction } from "@/app/(app)/crm/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { crmQueryKeys } from "@/lib/query-keys";

export function DeleteSegmentButton({ id, name }: { id: string; name: string }) {
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
      description="The segment goes away for everyone. Its contacts stay in the CRM; only the grouping is removed."
      confirmLabel="Delete segment"
      onConfirm={async () => {
        const res = await deleteSegmentAction({ id });
        if (!res.ok) return res.message;
        void queryClient.invalidateQueries({ queryKey: crmQueryKeys.segments.all });
        toast.success(`Segment “${name}” deleted.`);
        router.push("/crm/segments");
        return null;
      }}
    />
  );
}
