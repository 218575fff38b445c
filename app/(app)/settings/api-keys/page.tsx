// Settings → API keys: create keys for the REST API (shown once), list them and revoke them.
// Never render key material from the server: only names, prefixes and dates leave the engine.
import type { Metadata } from "next";
import type { Ctx } from "@/lib/auth/context";
import { assignableRoles, can } from "@/lib/auth/permissions";
import { getWorkspace, listApiKeys } from "@/lib/workspaces";
import { formatTimestamp } from "@/components/format";
import { ApiKeysTable } from "@/components/settings/api-keys-table";
import { CreateApiKey } from "@/components/settings/create-api-key";
import { NotAllowed } from "@/components/settings/not-allowed";
import { SectionHeading } from "@/components/settings/section-heading";
import { Card, CardBody } from "@/components/ui/card";
import { TableSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API keys" };

async function ApiKeys({ ctx }: { ctx: Ctx }) {
  const [keys, workspace] = await Promise.all([listApiKeys(ctx), getWorkspace(ctx)]);
  const tz = workspace.timezone;
  return (
    <ApiKeysTable
      keys={keys.map((k) => ({
        id: k.id,
        name: k.name,
        prefix: k.prefix,
        role: k.role,
        createdByName: k.createdByName,
        created: formatTimestamp(k.createdAt, tz),
        lastUsed: k.lastUsedAt ? formatTimestamp(k.lastUsedAt, tz) : null,
        revoked: k.revokedAt ? formatTimestamp(k.revokedAt, tz) : null,
      }))}
    />
  );
}

export default async function ApiKeysPage() {
  const ctx = await getPageCtx();
  return (
    <section aria-labelledby="keys-heading" className="grid grid-cols-1 gap-4">
      <SectionHeading
        id="keys-heading"
        title="API keys"
        description="Keys let other tools call AICMO's REST API. A key acts with the role you choose, never above yours."
      />
      {can(ctx.role, "apikeys.manage") ? (
        <>
          <Card aria-label="Create an API key">
            <CardBody>
              <CreateApiKey roles={assignableRoles(ctx.role)} />
            </CardBody>
          </Card>
          <WidgetBoundary title="API keys" fallback={<TableSkeleton label="Loading API keys" columns={6} rows={3} />}>
            <ApiKeys ctx={ctx} />
          </WidgetBoundary>
        </>
      ) : (
        <NotAllowed role={ctx.role} what="manage API keys" />
      )}
    </section>
  );
}
