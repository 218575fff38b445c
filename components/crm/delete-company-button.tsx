"use client";
// Deletes a company after an explicit confirmation, then returns to the companies list. Its contacts stay, without the link.
// Never delete without the dialog's confirm, and never hide a refusal: the server's message stays in the dialog.
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { Trash } from "lucide-react";
import { deleteCompanyAction } from "@/app/(app)/crm/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { crmQueryKeys } from "@/lib/query-keys";

export function DeleteCompanyButton({ id, name, contactCount }: { id: string; name: string; contactCount: number }) {
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
      description={
        contactCount
          ? `The company is removed for everyone. Its ${contactCount} contact${contactCount === 1 ? "" : "s"} stay in the CRM without a company. This cannot be undone.`
          : "The company is removed for everyone in this workspace. This cannot be undone."
      }
      confirmLabel="Delete company"
      onConfirm={async () => {
        const res = await deleteCompanyAction({ id });
        if (!res.ok) return res.message;
        void queryClient.invalidateQueries({ queryKey: crmQueryKeys.all });
        toast.success(`Company “${name}” deleted.`);
        router.push("/crm/companies");
        return null;
      }}
    />
  );
}
