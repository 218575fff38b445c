// The Media page: a plain notice that the Media engine is not built yet, and what it will do.
// Never add sample figures or charts here; real data arrives with the engine.
import type { Metadata } from "next";
import { EnginePlaceholder } from "@/components/shell/engine-placeholder";
import { getPageCtx } from "../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Media" };

export default async function MediaPage() {
  await getPageCtx();
  return (
    <EnginePlaceholder
      title="Media"
      summary="A shared library of images and video, with approval and usage tracking."
      plans={[
        "Upload images and video, with thumbnails and metadata.",
        "Route assets through approval before they can be used.",
        "Show where each asset is used: which posts, ads and campaigns.",
      ]}
    />
  );
}
