// Journey: the CRM contacts list and a contact's page. A marketer creates, finds, bulk-tags and moves contacts, notes and history
// show up, a backward bulk move is refused with the server's message; a manager deletes a contact and undoes it. Never rely on seed rows.
import { expect, test, type Page } from "@playwright/test";
import { signIn, runToken } from "../support/session";

async function createContact(page: Page, c: { first: string; last: string; email: string }) {
  await page.getByRole("button", { name: "New contact" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New contact" });
  await dialog.getByLabel("First name").fill(c.first);
  await dialog.getByLabel("Last name").fill(c.last);
  await dialog.getByLabel("Email").fill(c.email);
  await dialog.getByRole("button", { name: "Create contact" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status", { name: "Notifications" })).toContainText(`Contact “${c.first} ${c.last}” created.`);
}

test("a marketer creates two contacts, bulk-tags them, moves one to MQL with a reason, adds a note, and cannot move back", async ({ page }) => {
  const run = runToken();
  const ada = { first: "Ada", last: `Lovelace ${run}`, email: `${run}-ada@example.com` };
  const grace = { first: "Grace", last: `Hopper ${run}`, email: `${run}-grace@example.com` };
  await signIn(page, "marketer@demo.aicmo.dev");
  await page.goto("/crm");
  await expect(page.getByRole("heading", { level: 1, name: "CRM", exact: true })).toBeVisible();

  // The client-side check runs before anything is sent: a contact needs an email or a name.
  await page.getByRole("button", { name: "New contact" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New contact" });
  await dialog.getByRole("button", { name: "Create contact" }).click();
  await expect(dialog.getByText("A contact needs an email or a name.")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await createContact(page, ada);
  await createContact(page, grace);

  // Search lives in the URL; both new contacts, and only they, are in the table.
  await page.getByLabel("Search", { exact: true }).fill(run);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${run}`));
  const list = page.getByRole("region", { name: "Contact list" });
  await expect(list.getByRole("row")).toHaveCount(3);
  await expect(list.getByRole("link", { name: `Ada Lovelace ${run}` })).toBeVisible();
  await expect(list.getByRole("link", { name: `Grace Hopper ${run}` })).toBeVisible();

  // Select all loaded rows and add a tag to both.
  await page.getByLabel("Select all 2 loaded contacts").check();
  const bulk = page.getByRole("region", { name: "Bulk actions" });
  await expect(bulk).toContainText("2 selected");
  await bulk.getByRole("button", { name: "Tag", exact: true }).click();
  const tagForm = page.getByRole("form", { name: "Tag the selected contacts" });
  await tagForm.getByRole("textbox", { name: "Tags" }).fill(`vip-${run}`);
  await tagForm.getByRole("textbox", { name: "Tags" }).press("Enter");
  await tagForm.getByRole("button", { name: "Add on 2 contacts" }).click();
  await expect(page.getByRole("status", { name: "Notifications" })).toContainText("Updated tags on 2 contacts.");
  await expect(list.getByText(`vip-${run}`)).toHaveCount(2);

  // The tag is a URL filter too.
  await page.goto(`/crm?tag=vip-${run}`);
  await expect(page.getByRole("region", { name: "Contact list" }).getByRole("row")).toHaveCount(3);

  // On Ada's page: move to MQL with a reason; the history says who, when and why, and the timeline records it.
  await page.getByRole("region", { name: "Contact list" }).getByRole("link", { name: `Ada Lovelace ${run}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Ada Lovelace ${run}` })).toBeVisible();
  const lifecycle = page.getByRole("region", { name: "Lifecycle stage" });
  await lifecycle.getByLabel("Move to").selectOption("mql");
  await lifecycle.getByLabel("Reason").fill("Downloaded the pricing guide");
  await lifecycle.getByRole("button", { name: "Change stage" }).click();
  await expect(page.getByRole("status", { name: "Notifications" })).toContainText("Moved to MQL.");
  const history = lifecycle.getByRole("list", { name: "Stage history" }).getByRole("listitem");
  await expect(history.first()).toContainText("“Downloaded the pricing guide”");
  await expect(history.first()).toContainText("By marketer@demo.aicmo.dev");
  await expect(history.first()).toContainText("MQL");
  await expect(history).toHaveCount(2);
  const timeline = page.getByRole("list", { name: "Activity" });
  await expect(timeline.getByRole("listitem").first()).toContainText("Lifecycle stage changed");

  // A note appears at the top of the timeline.
  await page.getByRole("textbox", { name: "Add a note" }).fill(`Called Ada about the ${run} rollout.`);
  await page.getByRole("button", { name: "Save note" }).click();
  await expect(timeline.getByRole("listitem").first()).toContainText(`Called Ada about the ${run} rollout.`);
  await expect(timeline.getByRole("listitem").first()).toContainText("Note");

  // Back in the list, a marketer may not move Ada back to Lead: the server's FORBIDDEN message is shown.
  await page.goto(`/crm?q=${run}`);
  await page.getByLabel(`Select Ada Lovelace ${run}`).check();
  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Stage", exact: true }).click();
  const stageForm = page.getByRole("form", { name: "Move the selected contacts to a stage" });
  await stageForm.getByLabel("Move to stage").selectOption("lead");
  await stageForm.getByRole("button", { name: "Move 1 contact" }).click();
  await expect(stageForm.getByRole("alert")).toContainText("Your role does not allow this (contacts.stage_backward).");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("region", { name: "Contact list" }).getByRole("row", { name: new RegExp(`Ada Lovelace ${run}`) })).toContainText("MQL");
});

test("a manager deletes a contact from the list and brings it back with Undo", async ({ page }) => {
  const run = runToken();
  await signIn(page, "manager@demo.aicmo.dev");
  const created = await page.request.post("/api/v1/contacts", {
    data: { email: `${run}-doomed@example.com`, firstName: "Doomed", lastName: `Contact ${run}` },
  });
  expect(created.status()).toBe(201);

  await page.goto(`/crm?q=${run}`);
  const list = page.getByRole("region", { name: "Contact list" });
  await expect(list.getByRole("link", { name: `Doomed Contact ${run}` })).toBeVisible();
  await page.getByLabel(`Select Doomed Contact ${run}`).check();
  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Delete" }).click();

  const undo = page.getByRole("status").filter({ hasText: "Deleted 1 contact." });
  await expect(undo).toBeVisible();
  await expect(page.getByText("No contacts match these filters")).toBeVisible();

  await undo.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("status", { name: "Notifications" })).toContainText("Restored 1 contact.");
  await expect(page.getByRole("region", { name: "Contact list" }).getByRole("link", { name: `Doomed Contact ${run}` })).toBeVisible();
});
