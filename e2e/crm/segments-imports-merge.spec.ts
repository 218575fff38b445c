// Journey: the CRM's bulk tools. A marketer imports a CSV through the mapping wizard and builds a segment from it with a live
// count; a manager merges two duplicates picking a field from the loser. Never rely on seed rows: every name carries a run token.
import { expect, test } from "@playwright/test";
import { signIn, runToken } from "../support/session";

test("a marketer imports a CSV with an auto-detected mapping, then segments the imported contacts with a live count", async ({ page }) => {
  test.setTimeout(120_000);
  const run = runToken();
  await signIn(page, "marketer@demo.aicmo.dev");
  await page.goto("/crm/imports/new");
  const csv = [
    "E-mail Address,First Name,Surname,Job Title,Tags",
    `${run}-one@example.org,Iris,One ${run},CMO,imp-${run}`,
    `${run}-two@example.org,Ivan,Two ${run},Engineer,imp-${run}`,
    `not-an-email,Broken,Row,,imp-${run}`,
  ].join("\n");
  await page.setInputFiles("#import-file", { name: `${run}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and preview" }).click();

  // Headers were matched to fields without help.
  const mapping = page.getByRole("table", { name: "Column mapping" });
  await expect(mapping.getByLabel("Import column E-mail Address as")).toHaveValue("email");
  await expect(mapping.getByLabel("Import column Surname as")).toHaveValue("lastName");
  await expect(mapping.getByLabel("Import column Tags as")).toHaveValue("tags");
  await page.getByRole("radio", { name: /Only fill blanks/ }).check();
  await page.getByRole("button", { name: "Start import of 3 rows" }).click();

  await expect(page).toHaveURL(/\/crm\/imports\/[0-9a-f-]{36}$/);
  // "Only fill blanks" leaves existing contacts unchanged rather than skipped; none exist here.
  await expect(page.getByText("Done: 2 added, 0 updated, 0 unchanged, 1 with errors.")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "100");
  const report = page.getByRole("link", { name: "Download the error report (1 row)" });
  await expect(report).toHaveAttribute("href", /\/errors\.csv$/);
  await expect(page.getByRole("link", { name: "Download the 1 rejected row to fix" })).toHaveAttribute("href", /\/rows-to-fix\.csv$/);

  // A dynamic segment on the imported tag: the live count follows the rules before anything is saved.
  await page.goto("/crm/segments/new");
  await page.getByLabel("Name", { exact: true }).fill(`Imported ${run}`);
  await page.getByRole("button", { name: "Property" }).click();
  const rules = page.getByRole("group", { name: "Segment rules" });
  await rules.getByLabel("Field").selectOption("tags");
  await rules.getByRole("textbox", { name: "Tags value" }).fill(`imp-${run}`);
  await rules.getByRole("textbox", { name: "Tags value" }).press("Enter");
  await expect(page.getByTestId("segment-live-count")).toHaveText("2", { timeout: 20_000 });
  await page.getByRole("button", { name: "Activity" }).click();
  await rules.getByLabel("Did or never did").selectOption("none");
  await expect(page.getByTestId("segment-live-count")).toHaveText("2", { timeout: 20_000 });
  await page.getByRole("button", { name: "Create segment" }).click();

  await expect(page).toHaveURL(/\/crm\/segments\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: `Imported ${run}` })).toBeVisible();
  const members = page.getByRole("region", { name: "Segment contacts" });
  await expect(members.getByRole("link", { name: `Iris One ${run}` })).toBeVisible();
  await expect(members.getByRole("link", { name: `Ivan Two ${run}` })).toBeVisible();

  // The same segment filters the contacts list.
  await page.getByRole("link", { name: "Open in contacts list" }).click();
  await expect(page).toHaveURL(/[?&]segment=[0-9a-f-]{36}/);
  await expect(page.getByRole("region", { name: "Contact list" }).getByRole("row")).toHaveCount(3);
});

test("a manager merges two duplicates, keeping the loser's job title, and lands on the surviving contact", async ({ page }) => {
  const run = runToken();
  await signIn(page, "manager@demo.aicmo.dev");
  for (const data of [
    { email: `${run}.mia@gmail.com`, firstName: "Mia", lastName: `Merge ${run}`, title: "Marketing lead" },
    { email: `${run}mia+news@gmail.com`, firstName: "Mia", lastName: `Merge ${run}`, title: "VP Marketing" },
  ]) {
    const res = await page.request.post("/api/v1/contacts", { data });
    expect(res.status()).toBe(201);
  }

  await page.goto("/crm/duplicates");
  const sameEmail = page.getByRole("list", { name: "Same email pairs" });
  await sameEmail.getByRole("link", { name: `Review and merge Mia Merge ${run} and Mia Merge ${run}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Merge contacts" })).toBeVisible();

  await page.getByRole("radio", { name: "Job title: keep VP Marketing" }).check();
  const preview = page.getByRole("region", { name: "Preview of the merged contact" });
  await expect(preview).toContainText("VP Marketing");
  await preview.getByRole("button", { name: "Merge contacts" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Merge", exact: true }).click();

  await expect(page).toHaveURL(/\/crm\/contacts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: `Mia Merge ${run}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "About this contact" })).toContainText("VP Marketing");
  await expect(page.getByRole("list", { name: "Activity" }).getByRole("listitem").first()).toContainText("Merged with a duplicate");

  // Only one of them is left.
  await page.goto(`/crm?q=${run}`);
  await expect(page.getByRole("region", { name: "Contact list" }).getByRole("row")).toHaveCount(2);
});
