// Custom fields: the workspace's own contact and company fields (text, number, date, yes/no, select). Managers and admins
// define them; everyone sees them. Never show another workspace's definitions: the engine scopes the list.
import type { Metadata } from "next";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listCustomFields } from "@/lib/crm";
import { CrmHeader } from "@/components/crm/crm-header";
import { CustomFieldsList } from "@/components/crm/custom-fields-list";
import { TableSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Custom fields · CRM" };

async function FieldsLoader({ ctx, canManage }: { ctx: Ctx; canManage: boolean }) {
  const fields = await listCustomFields(ctx);
  return (
    <CustomFieldsList
      fields={fields.map(({ entity, key, label, type, options }) => ({ entity: entity === "company" ? "company" : "contact", key, label, type, options }))}
      canManage={canManage}
    />
  );
}

export default async function CustomFieldsPage() {
  const ctx = await getPageCtx();
  const canManage = can(ctx.role, "crm.manage");
  return (
    <>
      <CrmHeader active="fields" description="Your own fields on contacts and companies: shown on records, filterable in segments, and mappable in CSV imports." />
      <WidgetBoundary title="Custom fields" fallback={<TableSkeleton label="Loading custom fields" columns={4} rows={4} />}>
        <FieldsLoader ctx={ctx} canManage={canManage} />
      </WidgetBoundary>
    </>
  );
}
