// Storage key layout: originals are content-addressed per workspace (so the same bytes are stored once and never
// rewritten); variants and posters hang off the asset id. Never put user input (file names, tags) in a key.
import type { MediaVariantPreset } from "@/db/schema";

const HEX64 = /^[0-9a-f]{64}$/;
const ID = /^[A-Za-z0-9_-]{1,100}$/;

function id(value: string, what: string): string {
  if (!ID.test(value)) throw new Error(`Unsafe ${what} for a storage key.`);
  return value;
}

/** originals/<workspace>/<aa>/<sha256>: one object per distinct file per workspace. */
export function originalKey(workspaceId: string, sha256: string): string {
  if (!HEX64.test(sha256)) throw new Error("An original's key needs a lower-case hex SHA-256.");
  return `originals/${id(workspaceId, "workspace id")}/${sha256.slice(0, 2)}/${sha256}`;
}

/** Preset names hold ":" and "."; keys get a plain slug instead (1.91:1 → 191x100). */
export function presetSlug(preset: MediaVariantPreset): string {
  const ratio = /^(\d+(?:\.\d+)?):(\d+)$/.exec(preset);
  if (!ratio) return preset;
  const [w, h] = [Number(ratio[1]), Number(ratio[2])];
  return Number.isInteger(w) ? `${w}x${h}` : `${Math.round(w * 100)}x${h * 100}`;
}

/** variants/<workspace>/<asset>/<preset>-<version>.<ext>; the version changes when the focal point does. */
export function variantKey(workspaceId: string, assetId: string, preset: MediaVariantPreset, version: string, ext: string): string {
  return `variants/${id(workspaceId, "workspace id")}/${id(assetId, "asset id")}/${presetSlug(preset)}-${id(version, "version")}.${id(ext, "extension")}`;
}
