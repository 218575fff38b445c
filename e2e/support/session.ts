// Shared steps for the e2e journeys: signing in as a demo user, and a token that makes a run's own records findable in
// a seeded workspace that other specs use at the same time.
import { expect, type Page } from "@playwright/test";

/** Signs in with the demo password (scripts/seed.ts) and waits for the dashboard. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill("demo-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** A token unique to this run, so a journey finds only what it made itself. */
export function runToken(): string {
  return `e2e${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}
