// An invitation link: shows which workspace, who invited and with which role, then lets the invitee sign up or accept.
// Never reveal anything for an invalid, used, revoked or expired token beyond "this link is invalid".
import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { ROLE_LABELS, isRole } from "@/lib/auth/permissions";
import { getCurrentSession } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getInvitationPreview, type InvitationPreview } from "@/lib/workspaces";
import { AcceptInvitation, SwitchAccountButton } from "@/components/auth/accept-invitation";
import { AuthCard } from "@/components/auth/auth-card";
import { buttonClasses } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Invitation" };

async function loadPreview(token: string): Promise<InvitationPreview | null> {
  try {
    return await getInvitationPreview(getDb(), token);
  } catch (e) {
    if (isAppError(e) && e.code === "INVITATION_INVALID") return null;
    throw e;
  }
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const preview = token.length <= 100 ? await loadPreview(token) : null;

  if (!preview) {
    return (
      <AuthCard title="This invitation link is invalid or has expired">
        <p className="text-sm text-muted-foreground">
          The link may have been revoked, already used, or it is older than seven days. Ask the person who invited you
          for a new link.
        </p>
        <Link href="/dashboard" className={buttonClasses({ variant: "outline", className: "mt-6 w-full" })}>
          Go to AICMO
        </Link>
      </AuthCard>
    );
  }

  const session = await getCurrentSession();
  const returnTo = `/invite/${encodeURIComponent(token)}`;
  const role = isRole(preview.role) ? ROLE_LABELS[preview.role] : preview.role;
  const lead = (
    <>
      <strong className="font-medium text-foreground">{preview.inviterName}</strong> invited{" "}
      <strong className="font-medium text-foreground">{preview.email}</strong> to join{" "}
      <strong className="font-medium text-foreground">{preview.workspaceName}</strong> as{" "}
      <strong className="font-medium text-foreground">{role}</strong>.
    </>
  );

  if (!session) {
    const q = new URLSearchParams({ next: returnTo, email: preview.email }).toString();
    return (
      <AuthCard title={`Join ${preview.workspaceName}`} lead={lead}>
        <div className="grid gap-3">
          <Link href={`/sign-up?${q}`} className={buttonClasses({ className: "w-full" })}>
            Create an account
          </Link>
          <Link href={`/sign-in?${q}`} className={buttonClasses({ variant: "outline", className: "w-full" })}>
            I already have an account
          </Link>
        </div>
      </AuthCard>
    );
  }

  const sameEmail = session.user.email.toLowerCase() === preview.email.toLowerCase();
  return (
    <AuthCard title={`Join ${preview.workspaceName}`} lead={lead}>
      {sameEmail ? (
        <AcceptInvitation token={token} workspaceName={preview.workspaceName} />
      ) : (
        <div className="grid gap-3">
          <FormError
            message={`This invitation is for ${preview.email}, but you are signed in as ${session.user.email}. Sign in with the invited address to accept it.`}
          />
          <SwitchAccountButton returnTo={returnTo} />
        </div>
      )}
    </AuthCard>
  );
}
