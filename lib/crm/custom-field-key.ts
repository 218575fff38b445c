// The key a custom field's label suggests, shared by the engine (which derives it when no key is given) and the form
// (which previews it as the label is typed). Pure: no server-only import, so the browser bundle can use it.

/** A label → a key: lower_snake_case, starting with a letter, at most 40 characters (null when nothing usable remains). */
export function customFieldKeyFromLabel(label: string): string | null {
  const key = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^[^a-z]+/, "")
    .replace(/_+$/, "")
    .slice(0, 40)
    .replace(/_+$/, "");
  return key ? key : null;
}
