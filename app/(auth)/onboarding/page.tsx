// Onboarding: a signed-in user without a workspace creates their first one; ?new=1 creates another.
// Never show it to a member who did not ask for a new workspace: they go to the dashboard instead.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { getCurrentSession } from "@/lib/auth/session";
import { listMyWorkspaces } from "@/lib/workspaces";
import { AuthCard } from "@/components/auth/auth-card";
import { CreateWorkspaceForm } from "@/components/auth/create-workspace-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Create a workspace" };

export default async function OnboardingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const session = await getCurrentSession();
  if (!session) redirect(`/sign-in?next=${encodeURIComponent("/onboarding")}`);
  const wantsAnother = sp.new === "1";
  const existing = await listMyWorkspaces(getDb(), session.user.id);
  if (existing.length > 0 && !wantsAnother) redirect("/dashboard");

  return (
    <AuthCard
      title={existing.length ? "Create another workspace" : "Create your first workspace"}
      lead={
        existing.length
          ? "A workspace keeps its own campaigns, contacts, members and settings. You will be its owner."
          : `Welcome, ${session.user.name}. A workspace holds your team's campaigns, contacts and settings. You will be its owner and can invite others next.`
      }
      footer={
        existing.length ? (
          <Link href="/dashboard" className="font-medium text-primary underline underline-offset-2">
            Back to the dashboard
          </Link>
        ) : undefined
      }
    >
      <CreateWorkspaceForm />
    </AuthCard>
  );
}
