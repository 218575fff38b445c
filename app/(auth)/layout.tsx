// The layout of the signed-out pages (sign-in, sign-up, onboarding, invitations): a centred column with the product name.
// Never require a session here: each page decides whether it needs one.
import Link from "next/link";
import type { ReactNode } from "react";
import { SkipLink } from "@/components/shell/skip-link";
import { ThemeToggle } from "@/components/shell/theme-toggle";

export const dynamic = "force-dynamic";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <header className="flex items-center justify-between px-4 py-3 sm:px-6">
        <Link href="/" className="rounded font-semibold tracking-tight">
          AICMO
        </Link>
        <ThemeToggle />
      </header>
      <main id="main" tabIndex={-1} className="flex flex-1 focus:outline-none items-start justify-center px-4 py-8 sm:items-center sm:py-12">
        {children}
      </main>
    </div>
  );
}
