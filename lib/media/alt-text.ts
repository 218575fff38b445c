// Alt text suggested by the AI gateway (task "alt_text") from what the library knows of a picture: name, tags, palette,
// size and kind. Never overwrites alt text a person wrote unless asked to, and never sends campaign or contact data.
import "server-only";
import { and, eq, isNull, or, sql } from "drizzle-orm";
import { mediaAssets } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { complete } from "@/lib/gateway";
import { getAsset } from "./assets";
import { assetNotFound } from "./errors";
import { suggestAltTextSchema, type SuggestAltTextInput } from "./schemas";

/** Screen readers cut long alt text; the offline provider keeps to the same limit. */
export const ALT_TEXT_MAX = 125;

const SYSTEM_PROMPT =
  `You write alt text for images in a marketing library. One plain sentence, at most ${ALT_TEXT_MAX} characters, describing what ` +
  "the picture shows for someone who cannot see it. Use only the facts given; do not start with \"Image of\"; no hashtags or quotes.";

export interface AltTextResult {
  altText: string;
  stored: boolean;
  offline: boolean;
}

function clean(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^["'“‘]+|["'”’]+$/g, "")
    .slice(0, 1000);
}

/** Asks the gateway for alt text. Stores it (marked as suggested) when the asset has none written by a person, or when forced. */
export async function suggestAltText(ctx: Ctx, raw: SuggestAltTextInput): Promise<AltTextResult> {
  authorize(ctx, "media.write");
  const input = suggestAltTextSchema.parse(raw);
  const asset = await getAsset(ctx, input.assetId);
  if (asset.status === "DELETED") throw assetNotFound();
  const facts = {
    fileName: asset.originalFileName,
    name: asset.name,
    tags: asset.tags,
    dominantColours: asset.palette.slice(0, 5),
    width: asset.width ?? undefined,
    height: asset.height ?? undefined,
    kind: asset.kind === "image" || asset.kind === "svg" ? (asset.kind === "svg" ? "illustration" : "photo") : asset.kind,
  };
  const described = Object.entries(facts)
    .filter(([, v]) => v !== undefined && !(Array.isArray(v) && !v.length))
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : String(v)}`)
    .join("\n");
  const answer = await complete(ctx, {
    task: "alt_text",
    messages: [
      { role: "system", content: SYSTEM_PROMPT },
      { role: "user", content: `Write alt text for this ${facts.kind}.\n${described}` },
    ],
    input: facts,
    maxTokens: 120,
    temperature: 0.2,
  });
  const altText = clean(answer.text);
  const humanWritten = !!asset.altText?.trim() && !asset.altTextSuggested;
  if (!altText || (humanWritten && !input.force)) return { altText, stored: false, offline: answer.offline };

  const stored = await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .update(mediaAssets)
      .set({ altText, altTextSuggested: true, updatedAt: new Date() })
      .where(
        and(
          eq(mediaAssets.workspaceId, ctx.workspaceId),
          eq(mediaAssets.id, asset.id),
          // A person may have written alt text while the model was answering: keep theirs unless forced.
          input.force ? sql`true` : or(isNull(mediaAssets.altText), eq(mediaAssets.altText, ""), eq(mediaAssets.altTextSuggested, true)),
        ),
      )
      .returning({ id: mediaAssets.id });
    if (!rows.length) return false;
    await recordAudit(tx, ctx, {
      action: "media_asset.alt_text_suggested",
      entityType: "media_asset",
      entityId: asset.id,
      before: { altText: asset.altText },
      after: { altText, offline: answer.offline, forced: input.force },
    });
    return true;
  });
  return { altText, stored, offline: answer.offline };
}
