"use client";
// The asset drawer's URL state (?asset=<id>), so an open asset is linkable and Back closes it.
// Never re-render the server page for it: the parameter is shallow, the drawer loads its own data.
import { parseAsString, useQueryState } from "nuqs";

export function useOpenAsset() {
  return useQueryState("asset", parseAsString.withOptions({ shallow: true, history: "push" }));
}
