"use client";
// "Load more" for keyset lists: a real link to the next page (so paging works without JavaScript, or opened in a new
// tab), which with JavaScript loads the next page below instead of navigating.
import Link from "next/link";
import { buttonClasses } from "./button";

export function LoadMoreLink({ href, loading, onLoad }: { href: string; loading: boolean; onLoad: () => void }) {
  return (
    <Link
      href={href}
      onClick={(e) => {
        e.preventDefault();
        if (!loading) onLoad();
      }}
      aria-disabled={loading || undefined}
      aria-busy={loading || undefined}
      className={buttonClasses({ variant: "outline", size: "sm" })}
    >
      {loading ? "Loading…" : "Load more"}
    </Link>
  );
}
