// Series colours for the AI cost charts, one per provider kind, as Tailwind theme variables plus the matching swatch class.
// Never colour-code without a label: every chart has a text legend and a table with the same figures.

interface SeriesColour {
  /** For SVG fills; the variable exists because the swatch class below is used in the legend. */
  fill: string;
  swatch: string;
}

const KIND_COLOURS: Record<string, SeriesColour> = {
  openai: { fill: "var(--color-sky-500)", swatch: "bg-sky-500" },
  anthropic: { fill: "var(--color-amber-500)", swatch: "bg-amber-500" },
  gemini: { fill: "var(--color-violet-500)", swatch: "bg-violet-500" },
  offline: { fill: "var(--color-slate-400)", swatch: "bg-slate-400" },
};

const OTHER: SeriesColour = { fill: "var(--color-emerald-500)", swatch: "bg-emerald-500" };

export function kindColour(kind: string): SeriesColour {
  return KIND_COLOURS[kind] ?? OTHER;
}
