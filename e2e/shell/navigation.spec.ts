// Journey: the demo viewer moves around the shell: every sidebar page, the command palette and the theme toggle.
// Never assert on seeded figures here; the shell must work whatever the workspace holds.
import { expect, test } from "@playwright/test";

const PAGES = [
  { label: "Dashboard", path: "/dashboard", heading: "Dashboard" },
  { label: "Campaigns", path: "/campaigns", heading: "Campaigns" },
  { label: "CRM", path: "/crm", heading: "CRM" },
  { label: "Publishing", path: "/publishing", heading: "Publishing" },
  { label: "Ads", path: "/ads", heading: "Ads" },
  { label: "Analytics", path: "/analytics", heading: "Analytics" },
  { label: "Media", path: "/media", heading: "Media" },
  { label: "AI", path: "/ai", heading: "AI" },
  { label: "Settings", path: "/settings", heading: "Settings" },
];

test.beforeEach(async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill("viewer@demo.aicmo.dev");
  await page.getByLabel("Password", { exact: true }).fill("demo-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("every sidebar page renders with its heading", async ({ page }) => {
  const sidebar = page.getByRole("navigation", { name: "Main" });
  for (const p of PAGES) {
    const res = await page.goto(p.path);
    expect(res?.status(), p.path).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: p.heading, exact: true })).toBeVisible();
    await expect(sidebar.getByRole("link", { name: p.label, exact: true })).toHaveAttribute("aria-current", "page");
  }
  // The sidebar links themselves navigate too.
  await sidebar.getByRole("link", { name: "Campaigns", exact: true }).click();
  await expect(page).toHaveURL(/\/campaigns$/);
  await expect(page.getByRole("heading", { level: 1, name: "Campaigns" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New campaign" })).toHaveCount(0);
});

test("the command palette opens with Ctrl+K and navigates", async ({ page }) => {
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await expect(palette).toBeVisible();
  await expect(palette.getByRole("option", { name: "New campaign" })).toHaveCount(0);
  await palette.getByRole("combobox").fill("members");
  await expect(palette.getByRole("option", { name: "Settings: Members" })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/settings\/members$/);
  await expect(palette).toBeHidden();
  await expect(page.getByRole("heading", { level: 2, name: "Members" })).toBeVisible();

  // The header button opens it as well, and Escape closes it.
  await page.getByRole("button", { name: /Search|Open command palette/ }).click();
  await expect(palette).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(palette).toBeHidden();
});

test("the theme toggle flips the html class between light and dark", async ({ page }) => {
  const html = page.locator("html");
  const toggle = page.getByRole("button", { name: /Switch to (dark|light) theme/ });
  await expect(toggle).toBeVisible();
  const wasDark = ((await html.getAttribute("class")) ?? "").split(/\s+/).includes("dark");
  await toggle.click();
  await expect(html).toHaveClass(wasDark ? /(^|\s)light(\s|$)/ : /(^|\s)dark(\s|$)/);
  await toggle.click();
  await expect(html).toHaveClass(wasDark ? /(^|\s)dark(\s|$)/ : /(^|\s)light(\s|$)/);
});
