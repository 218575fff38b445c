// Journey: a new user signs up, creates a workspace, invites a viewer by link; the viewer joins and can only read.
// Never depend on demo data here: both people and the workspace are created fresh, with unique emails.
import { expect, test, type Page } from "@playwright/test";

const PASSWORD = "Orbit-lantern-42";

function uniqueEmail(tag: string): string {
  return `${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@e2e.aicmo.dev`;
}

async function fillSignUp(page: Page, name: string, email: string) {
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

test("owner onboards, invites a viewer, and the viewer joins with read-only access", async ({ page, browser, baseURL }) => {
  const ownerEmail = uniqueEmail("owner");
  const viewerEmail = uniqueEmail("viewer");
  const workspaceName = `E2E Studio ${Date.now().toString(36)}`;

  // 1. Sign up → onboarding → the new workspace's dashboard.
  await page.goto("/sign-up");
  await fillSignUp(page, "Erin Owner", ownerEmail);
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.getByLabel("Workspace name").fill(workspaceName);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("workspace-switcher")).toContainText(workspaceName);
  await expect(page.getByText("No campaigns yet")).toBeVisible();

  // 2. A campaign, so the viewer has something they must not be able to edit.
  await page.getByRole("link", { name: "New campaign" }).first().click();
  await expect(page).toHaveURL(/\/campaigns\/new$/);
  await page.getByLabel("Name", { exact: true }).fill("Launch plan");
  await page.getByLabel("Budget").fill("1,500.50");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  const campaignPath = new URL(page.url()).pathname;
  await expect(page.getByLabel("Budget")).toHaveValue("1500.50");

  // 3. Invite the viewer from Settings → Members and read the link to share.
  await page.goto("/settings/members");
  await page.getByLabel("Email", { exact: true }).fill(viewerEmail);
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByLabel("Invitation link", { exact: true }).inputValue();
  expect(link).toMatch(/\/invite\/[\w-]+$/);
  const invitePath = new URL(link).pathname;
  await expect(page.getByRole("region", { name: "Pending invitations" })).toContainText(viewerEmail);

  // 4. The invitee opens the link in a fresh browser, signs up with the prefilled address, and accepts.
  const viewerContext = await browser.newContext({ baseURL });
  const viewer = await viewerContext.newPage();
  await viewer.goto(invitePath);
  await expect(viewer.getByRole("heading", { level: 1, name: `Join ${workspaceName}` })).toBeVisible();
  await expect(viewer.getByText("Erin Owner")).toBeVisible();
  await viewer.getByRole("link", { name: "Create an account" }).click();
  await expect(viewer).toHaveURL(/\/sign-up\?/);
  await expect(viewer.getByLabel("Email", { exact: true })).toHaveValue(viewerEmail);
  await viewer.getByLabel("Your name").fill("Vera Viewer");
  await viewer.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await viewer.getByRole("button", { name: "Create account" }).click();
  await expect(viewer).toHaveURL(new RegExp(`${invitePath}$`));
  await viewer.getByRole("button", { name: "Accept invitation" }).click();

  // 5. They land in that workspace as a viewer: no create or edit controls anywhere.
  await expect(viewer).toHaveURL(/\/dashboard$/);
  const switcher = viewer.getByTestId("workspace-switcher");
  await expect(switcher).toContainText(workspaceName);
  await expect(switcher).toContainText("Viewer");
  await expect(viewer.getByRole("link", { name: "New campaign" })).toHaveCount(0);

  await viewer.goto("/campaigns");
  await expect(viewer.getByRole("link", { name: "Launch plan" })).toBeVisible();
  await expect(viewer.getByRole("link", { name: "New campaign" })).toHaveCount(0);

  await viewer.goto(campaignPath);
  await expect(viewer.getByRole("heading", { level: 1, name: "Launch plan" })).toBeVisible();
  await expect(viewer.getByText("$1,500.50")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await expect(viewer.locator("main").getByRole("textbox")).toHaveCount(0);

  // 6. The server refuses a write with the viewer's session, whatever the UI shows.
  const refused = await viewer.request.post("/api/v1/campaigns", {
    data: { name: "Written by a viewer" },
    headers: { origin: baseURL ?? "" },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("FORBIDDEN");
  const after = await viewer.request.get(`/api/v1/campaigns?q=${encodeURIComponent("Written by a viewer")}`);
  expect(after.status()).toBe(200);
  expect((await after.json()).items).toHaveLength(0);

  await viewerContext.close();
});
