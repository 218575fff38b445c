// The "skip to content" link: the first focusable element, jumping keyboard users past the shell to <main>.
// Never remove it or move it later in the DOM; it only helps while it comes first.
export function SkipLink() {
  return (
    <a
      href="#main"
      className="sr-only z-[70] rounded-md bg-primary px-4 py-2 text-sm font-medium text-primary-foreground focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
    >
      Skip to content
    </a>
  );
}
