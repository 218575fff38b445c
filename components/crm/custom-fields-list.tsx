"use client";
// The workspace's custom fields, contact and company, with add / edit / delete for managers. Deleting a field that records
// hold values for asks a second time and keeps the values on the records (the engine's CUSTOM_FIELD_HAS_VALUES answer).
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Pencil, Plus, SlidersHorizontal, Trash } from "lucide-react";
import { deleteCustomFieldAction } from "@/app/(app)/crm/fields/actions";
import type { CustomFieldDefType } from "@/lib/crm/schemas";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { TableFrame, Td, Th, Tr } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { CrmDialog } from "./crm-dialog";
import { CUSTOM_FIELD_TYPE_LABELS, CustomFieldsForm, type CustomFieldItem } from "./custom-fields-form";

function DeleteFieldButton({ field }: { field: CustomFieldItem }) {
  const router = useRouter();
  const toast = useToast();
  // After the engine reports values, the second confirmation sends confirm: true.
  const [valuesWarning, setValuesWarning] = useState<string | null>(null);
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Delete field “${field.label}”`}>
          <Trash aria-hidden className="size-4" />
          Delete
        </Button>
      }
      title={`Delete the field “${field.label}”?`}
      description={
        valuesWarning ??
        "The field disappears from forms, filters and exports. Values records already hold stay on them and come back if you add the same key again."
      }
      confirmLabel={valuesWarning ? "Delete anyway" : "Delete field"}
      onConfirm={async () => {
        const res = await deleteCustomFieldAction({ entity: field.entity, key: field.key, confirm: valuesWarning !== null });
        if (!res.ok) {
          if (res.code === "CUSTOM_FIELD_HAS_VALUES") {
            setValuesWarning(res.message);
            return `${res.message} Click “Delete anyway” to go ahead.`;
          }
          return res.message;
        }
        setValuesWarning(null);
        toast.success(res.data.valuesKept ? `Field deleted; ${res.data.valuesKept} records keep their values.` : "Field deleted.");
        router.refresh();
        return null;
      }}
    />
  );
}

export function CustomFieldsList({ fields, canManage }: { fields: CustomFieldItem[]; canManage: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = useState<CustomFieldItem | "new" | null>(null);
  const close = () => setEditing(null);

  return (
    <div className="grid gap-4">
      {canManage ? (
        <div className="flex justify-end">
          <Button onClick={() => setEditing("new")}>
            <Plus aria-hidden className="size-4" />
            New field
          </Button>
        </div>
      ) : null}
      {fields.length === 0 ? (
        <EmptyState
          icon={<SlidersHorizontal aria-hidden />}
          title="No custom fields yet"
          description="Add the fields your team tracks that the CRM does not have built in: seats, plan, renewal date, partner status…"
        />
      ) : (
        <TableFrame label="Custom fields">
          <thead>
            <tr>
              <Th>Label</Th>
              <Th>Key</Th>
              <Th>Applies to</Th>
              <Th>Type</Th>
              {canManage ? <Th className="text-right">Actions</Th> : null}
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <Tr key={`${f.entity}.${f.key}`}>
                <Td className="font-medium">{f.label}</Td>
                <Td>
                  <code className="text-xs">custom.{f.key}</code>
                </Td>
                <Td>{f.entity === "company" ? "Companies" : "Contacts"}</Td>
                <Td>
                  <Badge tone="info">{CUSTOM_FIELD_TYPE_LABELS[f.type as CustomFieldDefType] ?? f.type}</Badge>
                  {f.type === "select" ? <span className="ml-2 text-xs text-muted-foreground">{f.options.join(", ")}</span> : null}
                </Td>
                {canManage ? (
                  <Td className="text-right whitespace-nowrap">
                    <Button variant="ghost" size="sm" onClick={() => setEditing(f)} aria-label={`Edit field “${f.label}”`}>
                      <Pencil aria-hidden className="size-4" />
                      Edit
                    </Button>
                    <DeleteFieldButton field={f} />
                  </Td>
                ) : null}
              </Tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      <CrmDialog open={editing !== null} onOpenChange={(o) => (o ? null : close())} title={editing === "new" ? "New custom field" : "Edit custom field"}>
        {editing !== null ? (
          <CustomFieldsForm
            field={editing === "new" ? undefined : editing}
            onCancel={close}
            onSaved={() => {
              close();
              router.refresh();
            }}
          />
        ) : null}
      </CrmDialog>
    </div>
  );
}
