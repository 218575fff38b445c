"use client";
// Data-subject rights for one contact: download everything held about them as JSON, and erase them (managers and up).
// Never build the export in the browser from what the page shows: the file is the engine's complete export, audited.
import { useState } from "react";
import { Download } from "lucide-react";
import { exportContactDataAction } from "@/app/(app)/crm/actions";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { useToast } from "@/components/ui/toast";
import { EraseContactDialog } from "./erase-contact-dialog";

function download(fileName: string, json: string) {
  const url = URL.createObjectURL(new Blob([json], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the URL goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function PrivacyCard({ contactId, name, canExport, canErase }: { contactId: string; name: string; canExport: boolean; canErase: boolean }) {
  const toast = useToast();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!canExport && !canErase) return null;

  async function exportData() {
    setPending(true);
    setError(null);
    try {
      const res = await exportContactDataAction({ id: contactId });
      if (!res.ok) return setError(res.message);
      download(`contact-${contactId}.json`, JSON.stringify(res.data, null, 2));
      toast.success("Export downloaded. The export is recorded in the audit log.");
    } catch {
      setError("The server could not be reached. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <Card aria-labelledby="contact-privacy">
      <CardHeader titleId="contact-privacy" title="Privacy (GDPR)" description="Answer access and erasure requests for this person." />
      <CardBody className="grid gap-3">
        <div className="flex flex-wrap gap-2">
          {canExport ? (
            <Button variant="outline" size="sm" pending={pending} onClick={() => void exportData()}>
              <Download aria-hidden className="size-4" />
              Export data
            </Button>
          ) : null}
          {canErase ? <EraseContactDialog contactId={contactId} name={name} /> : null}
        </div>
        <FormError message={error} />
      </CardBody>
    </Card>
  );
}
