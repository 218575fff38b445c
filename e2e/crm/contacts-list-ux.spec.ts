// Journey: small things on the contacts list a person relies on: /crm/contacts leads to the list, headers sort it, Escape
// clears the selection, owners offered are members who may edit contacts, and Ctrl+K finds a contact. Never rely on seed rows.
import { expect, test, type Page } from "@playwright/test";
import { signIn, runToken } from "../support/session";

async function makeContacts(page: Page, run: string) {
  // Created in this order: Zed first (older), Amy second (newer). Emails sort the other way round from names.
  for (const data of [
    { email: `${run}-a@example.com`, firstName: "Zed", lastName: `Zulu ${run}` },
    { email: `${run}-b@example.com`, firstName: "Amy", lastName: `Alpha ${run}` },
  ]) {
    const res = await page.request.post("/api/v1/contacts", { data });
    expect(res.status()).toBe(201);
  }
}

test("/crm/contacts opens the contacts list with its filters, and headers sort it", async ({ page }) => {
  const run = runToken();
  await signIn(page, "marketer@demo.aicmo.dev");
  await makeContacts(page, run);

  await page.goto(`/crm/contacts?q=${run}`);
  await expect(page).toHaveURL(new RegExp(`/crm\\?q=${run}$`));
  const list = page.getByRole("region", { name: "Contact list" });
  const rows = list.getByRole("row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText("Amy");

  await list.getByRole("columnheader", { name: "Email", exact: true }).getByRole("button").click();
  await expect(page).toHaveURL(/[?&]sort=email/);
  await expect(list.getByRole("columnheader", { name: "Email", exact: true })).toHaveAttribute("aria-sort", "ascending");
  await expect(page.getByLabel("Sort", { exact: true })).toHaveValue("email");
  await expect(rows.nth(1)).toContainText("Zed");

  // Created sorts newest first, and a second click oldest first.
  const created = list.getByRole("columnheader", { name: "Created", exact: true });
  await created.getByRole("button").click();
  await expect(created).toHaveAttribute("aria-sort", "descending");
  await expect(rows.nth(1)).toContainText("Amy");
  await created.getByRole("button").click();
  await expect(page).toHaveURL(/[?&]sort=oldest/);
  await expect(created).toHaveAttribute("aria-sort", "ascending");
  await expect(page.getByLabel("Sort", { exact: true })).toHaveValue("oldest");
  await expect(rows.nth(1)).toContainText("Zed");

  // Columns the list cannot sort by stay plain headers.
  await expect(list.getByRole("columnheader", { name: "Company" }).getByRole("button")).toHaveCount(0);
});

test("Escape clears the selection, and the owner picker offers only members who may edit contacts", async ({ page }) => {
  const run = runToken();
  await signIn(page, "marketer@demo.aicmo.dev");
  await makeContacts(page, run);
  await page.goto(`/crm?q=${run}`);

  await page.getByLabel("Select all 2 loaded contacts").check();
  const bulk = page.getByRole("region", { name: "Bulk actions" });
  await expect(bulk).toContainText("2 selected");

  await bulk.getByRole("button", { name: "Owner", exact: true }).click();
  const ownerForm = page.getByRole("form", { name: "Set the owner of the selected contacts" });
  const picker = ownerForm.getByLabel("New owner");
  await expect(picker.getByRole("option", { name: /Marco Marketer/ })).toHaveCount(1);
  await expect(picker.getByRole("option", { name: "No owner" })).toHaveCount(1);
  await expect(picker.getByRole("option", { name: /Victor Viewer/ })).toHaveCount(0);
  await expect(picker.getByRole("option", { name: /April Approver/ })).toHaveCount(0);

  // Escape inside the popover closes it and keeps the selection; a second Escape clears the selection.
  await page.keyboard.press("Escape");
  await expect(ownerForm).toBeHidden();
  await expect(bulk).toContainText("2 selected");
  await page.keyboard.press("Escape");
  await expect(bulk).toBeHidden();
  await expect(page.getByLabel("Select all 2 loaded contacts")).not.toBeChecked();

  // Escape in a text field is the field's own business.
  await page.getByLabel(`Select Amy Alpha ${run}`).check();
  await page.getByLabel("Tag", { exact: true }).press("Escape");
  await expect(page.getByRole("region", { name: "Bulk actions" })).toContainText("1 selected");
});

test("Ctrl+K finds a contact by email and Enter opens it", async ({ page }) => {
  const run = runToken();
  await signIn(page, "marketer@demo.aicmo.dev");
  await makeContacts(page, run);
  await page.goto("/dashboard");

  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await palette.getByRole("combobox").fill(`${run}-b@`);
  const option = palette.getByRole("option", { name: new RegExp(`Amy Alpha ${run}.*${run}-b@example\\.com`) });
  await expect(option).toBeVisible();
  await expect(palette.getByRole("option", { name: new RegExp(`Zed Zulu ${run}`) })).toHaveCount(0);
  await option.hover();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/crm\/contacts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: `Amy Alpha ${run}` })).toBeVisible();
});
