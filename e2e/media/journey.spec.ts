// Journey: the media library. A marketer makes a library, uploads a picture made in the test, uploads it again and is told
// it is already there, submits it for review; an approver approves it with a note from the keyboard in the review queue;
// the marketer attaches it to a campaign and the history shows the approver's note. Then the marketer imports its
// performance from a CSV (a bad line first: refused, nothing stored), and the drawer shows the channel's CTR with the
// high-performer flag and a suggestion whose one-click action works; the top performers page ranks it with the badge.
// The journey's own asset is never a seeded one; the high-performer flag needs a channel median, which the demo
// workspace's seeded Instagram history supplies (seed-media.ts: typical Instagram CTR about 0.9 %).
import { expect, test } from "@playwright/test";
import { signIn, runToken } from "../support/session";
import sharp from "sharp";

/** A PNG no one has uploaded before: random noise, so neither its SHA-256 nor its picture hash matches anything. */
/** A UTC calendar day `n` days before today, as the metrics CSV wants it (YYYY-MM-DD). */
function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

/** A metrics CSV; each row is [channel, day, impressions, clicks, engagements, conversions] for one asset. */
function metricsCsv(assetId: string, rows: [string, string, number, number, number, number][]): Buffer {
  const lines = ["asset_id,channel,day,impressions,clicks,engagements,conversions", ...rows.map((r) => [assetId, ...r].join(","))];
  return Buffer.from(`${lines.join("\n")}\n`, "utf8");
}

async function uniquePicture(): Promise<Buffer> {
  const width = 320;
  const height = 240;
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(Math.random() * 256);
  return sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

test("upload, duplicate warning, review by keyboard with a note, attach to a campaign, history, imported performance and suggestions", async ({ page, browser }) => {
  test.setTimeout(180_000);
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

  // Imported performance. The CSV is for Instagram, where the seeded median CTR is about 1 %: 3 × 2,000 impressions at
  // 5 % CTR is far above 1.5× that, with more than the 1,000 impressions the flag needs.
  const assetId = new URL(assetUrl).searchParams.get("asset")!;
  const [d3, d2, d1] = [daysAgo(3), daysAgo(2), daysAgo(1)];
  const badCsv = metricsCsv(assetId, [
    ["instagram", d3, 2000, 100, 150, 10],
    ["instagram", d2, 100, 500, 150, 10], // more clicks than impressions: line 3 is refused
    ["instagram", d1, 2000, 100, 150, 10],
  ]);
  const goodCsv = metricsCsv(assetId, [
    ["instagram", d3, 2000, 100, 150, 10],
    ["instagram", d2, 2000, 100, 150, 10],
    ["instagram", d1, 2000, 100, 150, 10],
  ]);

  await page.goto(assetUrl);
  const beforeImport = page.getByRole("dialog", { name: assetName });
  await expect(beforeImport.getByRole("region", { name: "Performance" }).first()).toContainText("No performance yet");
  await page.keyboard.press("Escape");
  await expect(beforeImport).toBeHidden();

  await page.getByRole("button", { name: "Import metrics" }).click();
  const importDialog = page.getByRole("dialog", { name: "Import performance metrics" });
  await expect(importDialog).toBeVisible();
  await importDialog.getByLabel("CSV file").setInputFiles({ name: `metrics-${run}-bad.csv`, mimeType: "text/csv", buffer: badCsv });
  await importDialog.getByRole("button", { name: "Import", exact: true }).click();
  const importError = importDialog.getByRole("alert");
  await expect(importError).toContainText("Line 3, clicks: Clicks (500) cannot exceed impressions (100).");
  await expect(importError).toContainText("Nothing was stored.");

  // The fixed file: all three days are new, so the bad file stored none of its good lines either.
  await importDialog.getByLabel("CSV file").setInputFiles({ name: `metrics-${run}.csv`, mimeType: "text/csv", buffer: goodCsv });
  await importDialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(importDialog.getByRole("status")).toHaveText("Imported 3 rows for 1 asset (3 new, 0 replaced).");
  await importDialog.getByRole("button", { name: "Close" }).first().click();
  await expect(importDialog).toBeHidden();

  // The drawer: Instagram's row with its CTR and the high-performer badge; a suggestion with its one-click action.
  await page.goto(assetUrl);
  const insights = page.getByRole("dialog", { name: assetName });
  const perChannel = insights.getByRole("table", { name: "Performance per channel" });
  const instagramRow = perChannel.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /Instagram/ }) });
  await expect(instagramRow).toHaveCount(1);
  await expect(instagramRow.getByRole("cell").nth(0)).toHaveText("6,000");
  await expect(instagramRow.getByRole("cell").nth(1)).toHaveText("300");
  await expect(instagramRow.getByRole("cell").nth(2)).toHaveText("5.00 %");
  await expect(instagramRow.getByText("High performer")).toBeVisible();

  // No alt text was written at upload, and the asset is now in use: the rule offers the gateway's suggestion in one click.
  const suggestions = insights.getByRole("list", { name: "Suggestions" });
  const altSuggestion = suggestions.getByRole("listitem").filter({ hasText: "No alt text" });
  await expect(altSuggestion).toHaveCount(1);
  await expect(altSuggestion).toContainText("High priority");
  await altSuggestion.getByRole("button", { name: "Suggest alt text" }).click();
  await expect(page.getByRole("status", { name: "Notifications" })).toContainText("Alt text suggested:");
  await expect(suggestions.getByRole("listitem").filter({ hasText: "No alt text" })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(insights).toBeHidden();

  // Top performers on Instagram list it with the badge naming the channel.
  await page.goto("/media/top?channel=instagram");
  await expect(page.getByRole("heading", { level: 1, name: "Top performers" })).toBeVisible();
  const ranked = page.getByRole("list", { name: "Top performing assets" }).getByRole("listitem").filter({ has: page.getByRole("link", { name: assetName, exact: true }) });
  await expect(ranked).toHaveCount(1);
  await expect(ranked).toContainText("High performer · Instagram");
  await expect(ranked).toContainText("5.00 %");
  await expect(ranked).toContainText("6,000 impressions");
});
