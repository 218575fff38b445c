import { describe, expect, it } from "vitest";
import { setEnv } from "@/lib/env";
import { decryptSecret, encryptSecret, redact } from "./secrets";

setEnv("AICMO_ENCRYPTION_KEY", Buffer.alloc(32, 7).toString("base64"));

describe("secrets at rest", () => {
  it("round-trips, with a fresh IV each time, and never contains the plaintext", () => {
    const a = encryptSecret("sk-live-abcdef123456");
    const b = encryptSecret("sk-live-abcdef123456");
    expect(a).not.toBe(b);
    expect(a).not.toContain("sk-live");
    expect(decryptSecret(a)).toBe("sk-live-abcdef123456");
  });

  it("refuses tampered ciphertext", () => {
    const sealed = encryptSecret("secret-value-1");
    const parts = sealed.split(":");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => decryptSecret(parts.join(":"))).toThrow();
  });

  it("refuses a ciphertext sealed under another key", () => {
    const sealed = encryptSecret("secret-value-2");
    setEnv("AICMO_ENCRYPTION_KEY", "ab".repeat(32));
    expect(() => decryptSecret(sealed)).toThrow();
    setEnv("AICMO_ENCRYPTION_KEY", Buffer.alloc(32, 7).toString("base64"));
    expect(decryptSecret(sealed)).toBe("secret-value-2");
  });

  it("redacts every occurrence of a secret", () => {
    expect(redact("bad key sk-123456 (sk-123456)", ["sk-123456"])).toBe("bad key [redacted] ([redacted])");
  });
});
