// Journeys with bad input: a taken email, weak passwords, an invalid invitation link and a wrong password.
// Never use the demo viewer's account for the wrong-password case: failed sign-ins count towards its rate limit.
import { expect, test } from "@playwright/test";

const GOOD_PASSWORD = "Orbit-lantern-42";

test("sign-up with an email that is already registered says so next to the email field", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Someone Else");
  await page.getByLabel("Email", { exact: true }).fill("owner@demo.aicmo.dev");
  await page.getByLabel("Password", { exact: true }).fill(GOOD_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  const email = page.getByLabel("Email", { exact: true });
  await expect(page.getByText("An account with this email already exists.")).toBeVisible();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("link", { name: "Sign in instead" })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up/);
});

test("weak passwords are refused with the rule they break", async ({ page, baseURL }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Weak Password");
  await page.getByLabel("Email", { exact: true }).fill(`weak-${Date.now()}@e2e.aicmo.dev`);
  const password = page.getByLabel("Password", { exact: true });
  const submit = page.getByRole("button", { name: "Create account" });

  await password.fill("short1");
  await submit.click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(password).toHaveAttribute("aria-invalid", "true");

  await password.fill("password123");
  await submit.click();
  await expect(page.getByText("This password is too common.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up/);

  // The server applies the same rule when the form is bypassed.
  const res = await page.request.post("/api/auth/sign-up/email", {
    data: { name: "Bypass", email: `bypass-${Date.now()}@e2e.aicmo.dev`, password: "aaaaaaaaaaaa" },
    headers: { origin: baseURL ?? "" },
  });
  expect(res.status()).toBe(400);
  expect((await res.json()).code).toBe("WEAK_PASSWORD");
});

test("an invalid invitation link shows the invalid-link message", async ({ page }) => {
  const res = await page.goto("/invite/not-a-real-invitation-token");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "This invitation link is invalid or has expired" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
});

test("a wrong password shows an error and keeps the user on the sign-in page", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill("approver@demo.aicmo.dev");
  await page.getByLabel("Password", { exact: true }).fill("not-the-password-7");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});
