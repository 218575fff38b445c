// The heading of one settings section (an <h2>, under the Settings <h1>).
// Never render an <h1> inside settings sections.
import type { ReactNode } from "react";

export function SectionHeading({ id, title, description }: { id?: string; title: string; description?: ReactNode }) {
  return (
    <div className="mb-4">
      <h2 id={id} className="text-lg font-semibold">{title}</h2>
      {description ? <p className="mt-0.5 text-sm text-muted-foreground">{description}</p> : null}
    </div>
  );
}
