// Encrypts secrets at rest (provider API keys) with AES-256-GCM. The key comes from AICMO_ENCRYPTION_KEY; in
// development and tests it is derived from the auth secret. Never log plaintext or ciphertext, never send either to a browser.
import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

const VERSION = "v1";

function parseKey(raw: string): Buffer {
  const trimmed = raw.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) throw new Error("AICMO_ENCRYPTION_KEY must be 32 bytes, as 64 hex characters or base64.");
  return key;
}

let cached: { source: string; key: Buffer } | undefined;

function encryptionKey(): Buffer {
  const e = env();
  const source = e.AICMO_ENCRYPTION_KEY ?? `derived:${e.NODE_ENV}`;
  if (cached?.source === source) return cached.key;
  let key: Buffer;
  if (e.AICMO_ENCRYPTION_KEY) key = parseKey(e.AICMO_ENCRYPTION_KEY);
  else if (e.NODE_ENV === "production") {
    throw new AppError("ENCRYPTION_KEY_MISSING", 500, "The server has no AICMO_ENCRYPTION_KEY, so it cannot store or use provider API keys. Ask an administrator to set it.");
  }
  else key = Buffer.from(hkdfSync("sha256", authSecret(), "aicmo", "provider-keys", 32));
  cached = { source, key };
  return key;
}

export function encryptSecret(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), data.toString("base64url")].join(":");
}

export function decryptSecret(sealed: string): string {
  const [version, iv, tag, data] = sealed.split(":");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("Unreadable encrypted secret.");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** Replaces every occurrence of each secret in `text` (for error messages and logs). */
export function redact(text: string, secrets: (string | undefined | null)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join("[redacted]");
  return out;
}
