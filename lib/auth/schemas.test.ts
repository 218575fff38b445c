import { describe, expect, it } from "vitest";
import { passwordSchema, signUpSchema } from "./schemas";

describe("password rule", () => {
  it.each([
    ["short1", "at least 10"],
    ["aaaaaaaaaaaa", "repetitive"],
    ["password123", "too common"],
    ["onlyletterswords", "Mix letters"],
  ])("refuses %s (%s)", (pw, why) => {
    const r = passwordSchema.safeParse(pw);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message).join(" ")).toMatch(new RegExp(why, "i"));
  });

  it("accepts a reasonable passphrase", () => {
    expect(passwordSchema.safeParse("demo-password-1").success).toBe(true);
    expect(passwordSchema.safeParse("correct horse battery 9").success).toBe(true);
  });

  it("normalises the email on sign-up", () => {
    expect(signUpSchema.parse({ name: " Ann ", email: " Ann@Example.COM ", password: "demo-password-1" }).email).toBe("ann@example.com");
  });
});
