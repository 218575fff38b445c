// Settings → General: the workspace's name and time zone.
// Never let a role without settings.manage submit changes; the form is read-only for them and the engine refuses.
import type { Metadata } from "next";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { getWorkspace } from "@/lib/workspaces";
import { GeneralForm } from "@/components/settings/general-form";
import { SectionHeading } from "@/components/settings/section-heading";
import { Card, CardBody } from "@/components/ui/card";
import { CardSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

function timeZones(current: string): string[] {
  const all = Intl.supportedValuesOf("timeZone");
  const list = all.includes("UTC") ? all : ["UTC", ...all];
  return list.includes(current) ? list : [current, ...list];
}

async function GeneralSettings({ ctx }: { ctx: Ctx }) {
  const workspace = await getWorkspace(ctx);
  return (
    <GeneralForm
      name={workspace.name}
      timezone={workspace.timezone}
      timezones={timeZones(workspace.timezone)}
      canEdit={can(ctx.role, "settings.manage")}
    />
  );
}

export default async function GeneralSettingsPage() {
  const ctx = await getPageCtx();
  return (
    <section aria-labelledby="general-heading">
      <SectionHeading id="general-heading" title="General" description="How this workspace is named and which time zone it plans in." />
      <Card>
        <CardBody>
          <WidgetBoundary title="General settings" fallback={<CardSkeleton label="Loading settings" lines={4} bare />}>
            <GeneralSettings ctx={ctx} />
          </WidgetBoundary>
        </CardBody>
      </Card>
    </section>
  );
}
