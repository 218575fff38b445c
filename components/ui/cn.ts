// Joins conditional class names for Tailwind components.
// Never merges or reorders classes: later utilities only win when the CSS says so, so keep variants disjoint.
export function cn(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(" ");
}
