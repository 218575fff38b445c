// The sign-in page: email and password, with an optional ?next= return path and a prefilled ?email=.
// Never render the form for someone already signed in: they go straight to where they were heading.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentSession } from "@/lib/auth/session";
import { AuthCard } from "@/components/auth/auth-card";
import { firstParam, safeNext } from "@/components/auth/safe-next";
import { SignInForm } from "@/components/auth/sign-in-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const next = safeNext(sp.next);
  if (await getCurrentSession()) redirect(next ?? "/dashboard");
  const signUpHref = `/sign-up${next || sp.email ? `?${new URLSearchParams({ ...(next ? { next } : {}), ...(sp.email ? { email: firstParam(sp.email) } : {}) })}` : ""}`;
  return (
    <AuthCard
      title="Sign in to AICMO"
      lead="Welcome back. Use the email and password of your account."
      footer={
        <>
          No account yet?{" "}
          <Link href={signUpHref} className="font-medium text-primary underline underline-offset-2">
            Create one
          </Link>
        </>
      }
    >
      {firstParam(sp.expired) === "1" ? (
        <p role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          Your session has expired. Sign in again to continue.
        </p>
      ) : null}
      <SignInForm next={next} email={firstParam(sp.email)} />
    </AuthCard>
  );
}
