// Journey: the AI page. An admin runs the playground on a workspace with no providers and gets an offline answer, then finds it in the log;
// a viewer sees the same page read-only. Never assume a model answers here: the demo workspace has no provider, so offline must.
import { expect, test } from "@playwright/test";
import { signIn } from "../support/session";

test("an admin runs the playground, gets an offline answer with its one attempt, and finds it in the request log", async ({ page }) => {
  await signIn(page, "admin@demo.aicmo.dev");
  await page.goto("/ai");
  await expect(page.getByRole("heading", { level: 1, name: "AI", exact: true })).toBeVisible();
  await expect(page.getByText("No AI providers configured")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add provider" })).toBeVisible();

  await page.getByRole("navigation", { name: "AI sections" }).getByRole("link", { name: "Playground" }).click();
  await expect(page).toHaveURL(/[?&]tab=playground/);
  await page.getByLabel("Task", { exact: true }).selectOption("copywriting");
  await page.getByLabel("Prompt", { exact: true }).fill("Launch post for our spring running-shoe sale, for LinkedIn and X");
  await page.getByRole("button", { name: "Run", exact: true }).click();

  const answer = page.getByRole("region", { name: "Answer" });
  await expect(answer).toBeVisible();
  await expect(answer.getByText("Offline provider — templated, not a model")).toBeVisible();
  await expect(answer.getByTestId("playground-answer")).not.toBeEmpty();
  const attempts = answer.getByRole("list", { name: "Attempts of this run" }).getByRole("listitem");
  await expect(attempts).toHaveCount(1);
  await expect(attempts.first()).toContainText("Offline (built in)");
  await expect(attempts.first()).toContainText("OK");
  const requestId = (await answer.getByTestId("request-id").textContent())?.trim() ?? "";
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

  // The log is written off the hot path (within ~100 ms), so the first look may come too early: reload until it is there.
  await page.getByRole("link", { name: "Open the request log" }).click();
  await expect(page).toHaveURL(/[?&]tab=log/);
  await expect(async () => {
    await page.goto("/ai?tab=log&task=copywriting");
    await expect(page.getByRole("region", { name: "AI request log" })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  const log = page.getByRole("region", { name: "AI request log" });
  const firstRow = log.getByRole("row").nth(1);
  await expect(firstRow).toContainText("Copywriting");
  await expect(firstRow).toContainText("OK");
  await expect(firstRow).toContainText("Offline (built in)");
  await firstRow.getByRole("button", { expanded: false }).click();
  await expect(log.getByText(requestId)).toBeVisible();
  await expect(log.getByRole("list", { name: /^Attempts of the request/ }).getByRole("listitem")).toHaveCount(1);
});

test("a viewer sees the AI page read-only", async ({ page }) => {
  await signIn(page, "viewer@demo.aicmo.dev");
  await page.goto("/ai");
  await expect(page.getByRole("heading", { level: 1, name: "AI", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Providers" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add provider" })).toHaveCount(0);

  await page.goto("/ai?tab=playground");
  await expect(page.getByText("Your role cannot run AI tasks")).toBeVisible();
  await expect(page.getByRole("button", { name: "Run", exact: true })).toHaveCount(0);

  await page.goto("/ai?tab=chains");
  await expect(page.getByText("Only admins can change chains.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save chain" })).toHaveCount(0);

  await page.goto("/ai?tab=budgets");
  await expect(page.getByRole("heading", { level: 2, name: "Workspace budget" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Set budget|Add a price|Edit the price/ })).toHaveCount(0);
});
