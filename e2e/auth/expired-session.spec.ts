// An expired (or otherwise invalid) session: the page asked for sends the visitor to sign-in with a clear message,
// and signing in returns them to where they were going.
import { expect, test } from "@playwright/test";

test("an invalid session cookie leads to sign-in with an explanation, then back to the page", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "better-auth.session_token", value: "expired.token-value", url: baseURL! }]);
  await page.goto("/campaigns?status=active");
  await expect(page).toHaveURL(/\/sign-in\?/);
  await expect(page.getByText("Your session has expired. Sign in again to continue.")).toBeVisible();
  await page.getByLabel("Email").fill("viewer@demo.aicmo.dev");
  await page.getByLabel("Password").fill("demo-password-1");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/campaigns\?status=active$/);
});

test("an expired session gets a clear 401 from the REST API", async ({ request }) => {
  const res = await request.get("/api/v1/campaigns", { headers: { cookie: "better-auth.session_token=expired.token-value" } });
  expect(res.status()).toBe(401);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("UNAUTHENTICATED");
});
