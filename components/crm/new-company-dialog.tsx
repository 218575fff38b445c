"use client";
// "New company": the company form in a dialog; on success it opens the new company's page.
// Never offer it to a role without contacts.write; the engine would refuse anyway.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { CompanyForm } from "./company-form";
import type { OwnerOption } from "./contact-filters";
import { CrmDialog } from "./crm-dialog";

export function NewCompanyDialog({ owners }: { owners: OwnerOption[] }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  return (
    <CrmDialog
      open={open}
      onOpenChange={setOpen}
      wide
      title="New company"
      description="Only the name is required. A domain lets contacts be matched to the company by their email."
      trigger={
        <Button>
          <Plus aria-hidden className="size-4" />
          New company
        </Button>
      }
    >
      <CompanyForm
        owners={owners}
        onCancel={() => setOpen(false)}
        onSaved={(saved) => {
          toast.success(`Company “${saved.name}” created.`);
          setOpen(false);
          router.push(`/crm/companies/${saved.id}`);
        }}
      />
    </CrmDialog>
  );
}
