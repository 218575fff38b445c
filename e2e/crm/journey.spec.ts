// Journey: the CRM end to end, as a marketer would do it. Import a 300-row CSV with two bad rows → map columns → watch the
// progress finish → read the row-level error report → import the fixed file (only the fixed rows are added) → find an
// imported contact → build a segment with a live count → export it and count the CSV's rows. Never rely on seed rows.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { signIn, runToken } from "../support/session";

const ROWS = 300;
/** Data rows (0-based) whose email is broken in the first file. */
const BAD = [41, 187];

/** Every third contact is in Germany, the rest in France: 100 German contacts in all. */
function csvFor(run: string, opts: { broken: boolean }): string {
  const lines = ["Email,First Name,Last Name,Country,Source"];
  for (let i = 0; i < ROWS; i++) {
    const email = opts.broken && BAD.includes(i) ? `broken-${i}-at-example.org` : `${run}-${i}@example.org`;
    lines.push(`${email},Pat${i},Import ${run},${i % 3 === 0 ? "DE" : "FR"},src-${run}`);
  }
  return lines.join("\n") + "\n";
}

async function importFile(page: Page, run: string, name: string, csv: string) {
  await page.goto("/crm/imports/new");
  await page.setInputFiles("#import-file", { name, mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  const mapping = page.getByRole("table", { name: "Column mapping" });
  // The wizard matched the headers; the journey checks them and sets one by hand, as a user would.
  await expect(mapping.getByLabel("Import column Email as")).toHaveValue("email");
  await expect(mapping.getByLabel("Import column Last Name as")).toHaveValue("lastName");
  await expect(mapping.getByLabel("Import column Country as")).toHaveValue("country");
  await mapping.getByLabel("Import column Source as").selectOption("source");
  await page.getByRole("radio", { name: /Skip them/ }).check();
  await page.getByRole("button", { name: `Start import of ${ROWS} rows` }).click();
  await expect(page).toHaveURL(/\/crm\/imports\/[0-9a-f-]{36}$/);
  void run;
}

test("a marketer imports, fixes bad rows, finds a contact, segments the import with a live count and exports it", async ({ page }) => {
  test.setTimeout(180_000);
  const run = runToken();
  await signIn(page, "marketer@demo.aicmo.dev");

  // 1. The first file has two bad emails: the progress finishes, the two rows are reported by row number and field.
  await importFile(page, run, `${run}-first.csv`, csvFor(run, { broken: true }));
  await expect(page.getByText(`Done: ${ROWS - BAD.length} added, 0 updated, 0 skipped, ${BAD.length} with errors.`)).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "100");
  const report = page.getByRole("link", { name: `Download the error report (${BAD.length} rows)` });
  const reportRes = await page.request.get((await report.getAttribute("href"))!);
  expect(reportRes.status()).toBe(200);
  const reportLines = (await reportRes.text()).trim().split(/\r?\n/);
  expect(reportLines).toHaveLength(1 + BAD.length);
  // Row numbers count the header as row 1, like a spreadsheet.
  for (const i of BAD) expect(reportLines.some((l) => l.startsWith(`${i + 2},`) && /email/i.test(l))).toBe(true);

  // 2. The fixed file: contacts already imported are skipped, only the two fixed rows are added.
  await importFile(page, run, `${run}-fixed.csv`, csvFor(run, { broken: false }));
  await expect(page.getByText(`Done: ${BAD.length} added, 0 updated, ${ROWS - BAD.length} skipped, 0 with errors.`)).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "100");

  // 3. Browse: a fixed contact is in the list and opens.
  await page.goto("/crm");
  await page.getByLabel("Search", { exact: true }).fill(`${run}-${BAD[0]}@`);
  await expect(page).toHaveURL(/[?&]q=/);
  const list = page.getByRole("region", { name: "Contact list" });
  await expect(list.getByRole("row")).toHaveCount(2);
  await list.getByRole("link", { name: `Pat${BAD[0]} Import ${run}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Pat${BAD[0]} Import ${run}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "About this contact" })).toContainText(`src-${run}`);

  // 4. A segment: source is this run's AND country is Germany. The live count is every third row.
  const expected = Math.ceil(ROWS / 3);
  await page.goto("/crm/segments/new");
  await page.getByLabel("Name", { exact: true }).fill(`German imports ${run}`);
  const rules = page.getByRole("group", { name: "Segment rules" });
  await page.getByRole("button", { name: "Property" }).click();
  await rules.getByLabel("Field").nth(0).selectOption("source");
  await rules.getByLabel("Source comparison").selectOption("eq");
  await rules.getByRole("textbox", { name: "Source value" }).fill(`src-${run}`);
  await expect(page.getByTestId("segment-live-count")).toHaveText(String(ROWS), { timeout: 20_000 });
  await page.getByRole("button", { name: "Property" }).click();
  await rules.getByLabel("Field").nth(1).selectOption("country");
  await rules.getByLabel("Country comparison").selectOption("eq");
  await rules.getByRole("textbox", { name: "Country value" }).fill("DE");
  await expect(page.getByTestId("segment-live-count")).toHaveText(String(expected), { timeout: 20_000 });
  await page.getByRole("button", { name: "Create segment" }).click();
  await expect(page).toHaveURL(/\/crm\/segments\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: `German imports ${run}` })).toBeVisible();

  // 5. Export the segment from the contacts list: one CSV row per member, plus the header.
  await page.getByRole("link", { name: "Open in contacts list" }).click();
  await expect(page).toHaveURL(/[?&]segment=[0-9a-f-]{36}/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines).toHaveLength(expected + 1);
  expect(lines.slice(1).every((l) => l.includes(`src-${run}`) && l.includes(",DE,"))).toBe(true);
});

test("a manager defines a custom field and a lifecycle rule, runs it, and sees the move and the field on the contact", async ({ page }) => {
  test.setTimeout(120_000);
  const run = runToken();
  const fieldLabel = `Seats ${run}`;
  const fieldKey = `seats_${run}`;
  await signIn(page, "manager@demo.aicmo.dev");

  // A number field, defined on the settings page.
  await page.goto("/crm/fields");
  await page.getByRole("button", { name: "New field" }).click();
  const fieldDialog = page.getByRole("dialog", { name: "New custom field" });
  await fieldDialog.getByLabel("Label").fill(fieldLabel);
  await expect(fieldDialog.getByLabel("Key")).toHaveValue(fieldKey);
  await fieldDialog.getByLabel("Type").selectOption("number");
  await fieldDialog.getByRole("button", { name: "Add field" }).click();
  await expect(fieldDialog).toBeHidden();
  await expect(page.getByRole("region", { name: "Custom fields" })).toContainText(`custom.${fieldKey}`);

  // The API refuses a value that does not fit the definition, naming the field.
  const bad = await page.request.post("/api/v1/contacts", { data: { email: `${run}-bad@example.com`, custom: { [fieldKey]: "many" } } });
  expect(bad.status()).toBe(422);
  expect(await bad.text()).toContain(`${fieldLabel} must be a number.`);

  const made: Record<string, string> = {};
  for (const [name, score] of [
    ["Hot", 75],
    ["Cold", 30],
  ] as const) {
    const res = await page.request.post("/api/v1/contacts", { data: { email: `${run}-${name.toLowerCase()}@example.com`, firstName: name, lastName: `Rule ${run}`, source: `rules-${run}`, score } });
    expect(res.status()).toBe(201);
    made[name] = ((await res.json()) as { id: string }).id;
  }

  // A rule: score at least 60 and this run's source → MQL. The live count shows who matches now.
  await page.goto("/crm/rules");
  await page.getByRole("button", { name: "New rule" }).click();
  const ruleDialog = page.getByRole("dialog", { name: "New lifecycle rule" });
  await ruleDialog.getByLabel("Name", { exact: true }).fill(`MQL ${run}`);
  await expect(ruleDialog.getByLabel("Move to stage")).toHaveValue("mql");
  await ruleDialog.getByRole("button", { name: "Property" }).click();
  const rules = ruleDialog.getByRole("group", { name: "Segment rules" });
  await rules.getByLabel("Field").nth(1).selectOption("source");
  await rules.getByLabel("Source comparison").selectOption("eq");
  await rules.getByRole("textbox", { name: "Source value" }).fill(`rules-${run}`);
  await expect(ruleDialog.getByTestId("segment-live-count")).toHaveText("1", { timeout: 20_000 });
  await ruleDialog.getByRole("button", { name: "Create rule" }).click();
  await expect(ruleDialog).toBeHidden();
  await expect(page.getByRole("heading", { name: `MQL ${run}` })).toBeVisible();

  await page.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rules ran" }).first()).toContainText(`MQL ${run}: 1`, { timeout: 20_000 });

  // The hot contact moved, and its history says a rule did it; the cold one stayed.
  await page.goto(`/crm/contacts/${made.Hot}`);
  await expect(page.getByText("By a lifecycle rule").first()).toBeVisible();
  await expect(page.getByText(`“MQL ${run}”`).first()).toBeVisible();

  // The custom field is on the contact's edit form: a wrong value is refused with the field's name, a number is kept.
  const about = page.getByRole("region", { name: "About this contact" });
  await about.getByRole("button", { name: "Edit" }).click();
  const form = page.getByRole("form", { name: "Edit contact" });
  await form.getByLabel(fieldLabel).fill("lots");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form).toContainText(`${fieldLabel} must be a number.`);
  await form.getByLabel(fieldLabel).fill("12");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form).toBeHidden();
  await expect(about).toContainText(fieldLabel);
  await expect(about).toContainText("12");

  await page.goto(`/crm/contacts/${made.Cold}`);
  await expect(page.getByText("By a lifecycle rule")).toHaveCount(0);
});

test("a manager defines a company field, and it is on the company's edit form and details", async ({ page }) => {
  const run = runToken();
  const fieldLabel = `Plan ${run}`;
  await signIn(page, "manager@demo.aicmo.dev");

  await page.goto("/crm/fields");
  await page.getByRole("button", { name: "New field" }).click();
  const dialog = page.getByRole("dialog", { name: "New custom field" });
  await dialog.getByLabel("Applies to").selectOption("company");
  await dialog.getByLabel("Label").fill(fieldLabel);
  await dialog.getByLabel("Type").selectOption("select");
  await dialog.getByLabel("Options").fill("Starter\nScale");
  await dialog.getByRole("button", { name: "Add field" }).click();
  await expect(dialog).toBeHidden();

  const res = await page.request.post("/api/v1/companies", { data: { name: `Acme ${run}` } });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };

  await page.goto(`/crm/companies/${id}`);
  const about = page.getByRole("region", { name: "About this company" });
  await about.getByRole("button", { name: "Edit" }).click();
  const form = page.getByRole("form", { name: "Edit company" });
  await form.getByLabel(fieldLabel).selectOption("Scale");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form).toBeHidden();
  await expect(about).toContainText(fieldLabel);
  await expect(about).toContainText("Scale");
});
