// Journey: the media library. A marketer makes a library, uploads a picture made in the test, uploads it again and is told
// it is already there, submits it for review; an approver approves it with a note from the keyboard in the review queue;
// the marketer attaches it to a campaign and the history shows the approver's note. Never rely on seeded media.
import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill("demo-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

function runToken(): string {
  return `e2e${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** A PNG no one has uploaded before: random noise, so neither its SHA-256 nor its picture hash matches anything. */
async function uniquePicture(): Promise<Buffer> {
  const width = 320;
  const height = 240;
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(Math.random() * 256);
  return sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

test("upload, duplicate warning, review by keyboard with a note, attach to a campaign, history", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const run = runToken();
  const fileName = `journey-${run}.png`;
  const assetName = `journey-${run}`;
  const note = `Looks great ${run}`;
  const picture = await uniquePicture();

  await signIn(page, "marketer@demo.aicmo.dev");
  await page.goto("/media");
  await expect(page.getByRole("heading", { level: 1, name: "Media", exact: true })).toBeVisible();

  // A library of its own, so the grid shows only this journey's asset.
  await page.getByRole("button", { name: "New library" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New library" });
  await dialog.getByLabel("Name").fill(`Journey ${run}`);
  await dialog.getByRole("button", { name: "Create library" }).click();
  await expect(page).toHaveURL(/[?&]library=[0-9a-f-]{36}/);
  await expect(page.getByText(`Uploads go to “Journey ${run}”`)).toBeVisible();

  // First upload: a new draft.
  await page.getByTestId("media-file-input").setInputFiles({ name: fileName, mimeType: "image/png", buffer: picture });
  const uploads = page.getByRole("region", { name: "Uploads" });
  await expect(uploads.getByTestId("upload-row").first()).toContainText("Uploaded as a draft", { timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Assets" }).getByTestId("asset-tile")).toHaveCount(1);

  // The same bytes again: the existing asset is offered and no second copy appears.
  await page.getByTestId("media-file-input").setInputFiles({ name: fileName, mimeType: "image/png", buffer: picture });
  const duplicateRow = uploads.getByTestId("upload-row").first();
  await expect(duplicateRow).toContainText("Already in your library", { timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Assets" }).getByTestId("asset-tile")).toHaveCount(1);

  // Open it from the warning and submit it for review.
  await duplicateRow.getByRole("button", { name: `Open “${assetName}”` }).click();
  const drawer = page.getByRole("dialog", { name: assetName });
  await expect(drawer).toBeVisible();
  await expect(page).toHaveURL(/[?&]asset=[0-9a-f-]{36}/);
  const assetUrl = page.url();
  await drawer.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByRole("status", { name: "Notifications" })).toContainText("Submitted for review.");
  await expect(drawer.getByText("In review").first()).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();

  // The approver clears it from the queue with the keyboard: N opens an approval note, Enter confirms.
  const approverContext = await browser.newContext();
  const approver = await approverContext.newPage();
  await signIn(approver, "approver@demo.aicmo.dev");
  await approver.goto("/media/review");
  await expect(approver.getByRole("heading", { level: 1, name: "Review queue" })).toBeVisible();
  await expect(approver.getByRole("region", { name: "Keyboard shortcuts" })).toBeVisible();
  await approver.getByRole("list", { name: "Review queue" }).getByRole("button", { name: assetName }).click();
  await expect(approver.getByTestId("review-current")).toContainText(assetName);
  await approver.keyboard.press("n");
  await expect(approver.getByLabel("Approval note (optional)")).toBeFocused();
  await approver.keyboard.type(note);
  await approver.keyboard.press("Enter");
  await expect(approver.getByTestId("review-progress")).toContainText(/^1 of \d+ reviewed/);
  await expect(approver.getByRole("list", { name: "Review queue" }).getByRole("button", { name: assetName }).getByLabel("Approved")).toBeVisible();
  await approverContext.close();

  // Back as the marketer: attach it to a campaign picked by name; the history shows the approver's note.
  await page.goto(assetUrl);
  const reopened = page.getByRole("dialog", { name: assetName });
  await expect(reopened.getByText("Approved").first()).toBeVisible();
  const combobox = reopened.getByRole("combobox", { name: "Attach to campaign" });
  await combobox.click();
  const option = reopened.getByRole("option").first();
  await expect(option).toBeVisible();
  const campaignName = (await option.locator("span").first().textContent())!.trim();
  await option.click();
  await reopened.getByRole("button", { name: "Attach", exact: true }).click();
  await expect(page.getByRole("status", { name: "Notifications" })).toContainText(`Attached to “${campaignName}”.`);
  await expect(reopened.getByRole("list", { name: "Where used" })).toContainText(campaignName);
  const history = reopened.getByRole("list", { name: "Approval history" });
  await expect(history.getByTestId("history-entry")).toHaveCount(3);
  await expect(history).toContainText(note);
  await expect(history).toContainText("Approved by");

  // The library lists its one asset; a marketer may edit it but not delete it (media.delete is a manager's).
  await page.goto("/media/libraries");
  const row = page.getByRole("row").filter({ hasText: `Journey ${run}` });
  await expect(row.getByRole("cell").nth(1)).toHaveText("1");
  await expect(row.getByRole("button", { name: `Edit Journey ${run}` })).toBeVisible();
  await expect(row.getByRole("button", { name: `Delete Journey ${run}` })).toHaveCount(0);
});
