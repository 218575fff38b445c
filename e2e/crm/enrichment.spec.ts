// Journey: enriching a whole segment. A marketer selects every loaded contact of a segment-filtered list, widens the
// selection to the whole segment, enriches it, and finds the run on the enrichment page; the segment page offers the same
// with a count to confirm. Never rely on seed rows: every name carries a run token, and free-mail avoids website fetches.
import { expect, test } from "@playwright/test";
import { runToken, signIn } from "../support/session";

test("a marketer enriches a whole segment, not just its loaded rows, and finds the run listed", async ({ page }) => {
  test.setTimeout(120_000);
  const run = runToken();
  await signIn(page, "marketer@demo.aicmo.dev");
  const ids: string[] = [];
  for (let i = 0; i < 53; i++) {
    const res = await page.request.post("/api/v1/contacts", { data: { email: `${run}.e${i}@gmail.com`, lastName: `Enrich ${run}` } });
    expect(res.status()).toBe(201);
    ids.push(((await res.json()) as { id: string }).id);
  }
  const created = await page.request.post("/api/v1/segments", { data: { name: `Enrich ${run}`, kind: "static" } });
  expect(created.status()).toBe(201);
  const segmentId = ((await created.json()) as { id: string }).id;
  const added = await page.request.post(`/api/v1/segments/${segmentId}/members`, { data: { action: "add", contactIds: ids } });
  expect(added.ok()).toBe(true);

  // The header checkbox selects the 50 loaded rows; the banner offers the whole segment, keyboard first.
  await page.goto(`/crm?segment=${segmentId}`);
  await page.getByRole("checkbox", { name: "Select all 50 loaded contacts" }).check();
  const banner = page.getByRole("region", { name: "Select the whole segment" });
  await expect(banner).toContainText("All 50 loaded contacts are selected.");
  const widen = banner.getByRole("button", { name: "Select all 53 in this segment" });
  await widen.focus();
  await page.keyboard.press("Enter");
  await expect(banner).toContainText("apply to the 50 loaded contacts only");
  await expect(banner.getByRole("button", { name: "Select only the 50 loaded" })).toBeFocused();

  const bar = page.getByRole("region", { name: "Bulk actions" });
  await expect(bar).toContainText("other actions: 50 loaded only");
  await bar.getByRole("button", { name: "Enrich all 53" }).click();
  await expect(page.getByText("Enrichment started for the segment's 53 contacts.")).toBeVisible();
  await page.getByRole("region", { name: "Enrichment runs" }).getByRole("link", { name: "View run" }).first().click();

  await expect(page).toHaveURL(/\/crm\/enrichment#run-[0-9a-f-]{36}$/);
  const runs = page.getByRole("region", { name: "Enrichment runs" });
  await expect(runs.getByRole("link", { name: `Segment “Enrich ${run}”` }).first()).toBeVisible();
  await expect(runs.getByText("53 contacts").first()).toBeVisible();

  // The segment's own page: a count to confirm, then one run over all of it.
  await page.goto(`/crm/segments/${segmentId}`);
  await page.getByRole("button", { name: "Enrich segment" }).click();
  const dialog = page.getByRole("dialog", { name: "Enrich this segment" });
  await expect(dialog).toContainText("53 contacts will be enriched");
  await dialog.getByRole("button", { name: "Enrich 53 contacts" }).click();
  await expect(page.getByText("Enrichment started for the segment's 53 contacts.")).toBeVisible();
  await expect(dialog).toBeHidden();
});
