// The app-wide 404 page for unknown URLs.
// Never reveal whether a record exists in another workspace: "not found" is all it says.
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-6 text-center">
      <p className="text-sm font-semibold text-primary">404</p>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-muted-foreground">The page you asked for does not exist, or you do not have access to it.</p>
      <Link href="/dashboard" className={buttonClasses()}>
        Go to the dashboard
      </Link>
    </main>
  );
}
