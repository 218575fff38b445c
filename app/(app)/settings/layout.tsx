// The settings area: the page heading and the sub-navigation around each settings section.
// Never load section data here; each section page loads its own inside its own boundaries.
import type { ReactNode } from "react";
import { SettingsNav } from "@/components/settings/settings-nav";
import { PageHeader } from "@/components/ui/page-header";
import { getPageCtx } from "../page-ctx";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const ctx = await getPageCtx();
  return (
    <>
      <PageHeader title="Settings" description="Workspace details, people, API access and the audit trail." />
      <div className="grid grid-cols-1 gap-6 md:grid-cols-[12rem_minmax(0,1fr)]">
        <SettingsNav role={ctx.role} />
        <div className="min-w-0">{children}</div>
      </div>
    </>
  );
}
