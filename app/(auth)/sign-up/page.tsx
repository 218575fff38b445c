// The sign-up page: create an account, then continue to onboarding or to the ?next= path (an invitation, usually).
// Never create a workspace here: onboarding or an invitation does that once the account exists.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentSession } from "@/lib/auth/session";
import { AuthCard } from "@/components/auth/auth-card";
import { firstParam, safeNext } from "@/components/auth/safe-next";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const next = safeNext(sp.next);
  if (await getCurrentSession()) redirect(next ?? "/dashboard");
  const signInHref = `/sign-in${next || sp.email ? `?${new URLSearchParams({ ...(next ? { next } : {}), ...(sp.email ? { email: firstParam(sp.email) } : {}) })}` : ""}`;
  return (
    <AuthCard
      title="Create your AICMO account"
      lead="One account works across every workspace you are invited to."
      footer={
        <>
          Already have an account?{" "}
          <Link href={signInHref} className="font-medium text-primary underline underline-offset-2">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm next={next} email={firstParam(sp.email)} />
    </AuthCard>
  );
}
