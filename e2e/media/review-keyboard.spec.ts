// Journey: an approver works through the seeded review queue with the keyboard only — J and K move, A approves, R opens
// the rejection note (required: Enter on an empty note is refused), Enter confirms — and the decisions stick: the two
// assets leave the queue and the rejected one's history carries the note. Other specs (journey.spec.ts) may add to or
// decide in the queue at the same time, so this one acts only on the first two entries of the queue it loaded (the
// oldest, which are seeded assets; a spec's upload is always newer) and never counts the queue's length.
import { expect, test } from "@playwright/test";
import { signIn } from "../support/session";

/** Matches exactly this text (an entry's text is its asset's name; "Water bottle, teal" must not match its "(trimmed)" copy). */
function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

test("an approver approves with A and rejects with R and a note, moving with J and K", async ({ page }) => {
  const note = `Crop tighter, please (${Date.now().toString(36)})`;
  await signIn(page, "approver@demo.aicmo.dev");
  await page.goto("/media/review");
  await expect(page.getByRole("heading", { level: 1, name: "Review queue" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Keyboard shortcuts" })).toBeVisible();

  const queue = page.getByRole("list", { name: "Review queue" });
  const entries = queue.getByRole("listitem");
  const current = page.getByTestId("review-current");
  const title = current.getByRole("heading", { level: 2 });
  await expect(title).toHaveText(/^1\. /);
  const first = (await title.textContent())!.replace(/^1\. /, "");

  // J: the next asset. The shortcut listener is attached on hydration, so a press that came too early is repeated —
  // only while the first asset is still shown, so one press never counts twice.
  await expect(async () => {
    if (/^1\. /.test((await title.textContent()) ?? "")) await page.keyboard.press("j");
    await expect(title).toHaveText(/^2\. /, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const second = (await title.textContent())!.replace(/^2\. /, "");
  await expect(entries.nth(1)).toContainText(second);
  await expect(entries.nth(1).getByRole("button")).toHaveAttribute("aria-current", "true");
  const secondHref = await current.getByRole("link", { name: "Open details" }).getAttribute("href");
  expect(secondHref).toMatch(/[?&]asset=[0-9a-f-]{36}$/);

  // K: back to the first; A approves it and the queue moves on to the next undecided one.
  await page.keyboard.press("k");
  await expect(title).toHaveText(`1. ${first}`);
  await page.keyboard.press("a");
  await expect(entries.nth(0).getByLabel("Approved")).toBeVisible();
  await expect(title).toHaveText(`2. ${second}`);
  await expect(page.getByTestId("review-progress")).toHaveText(/^1 of \d+ reviewed/);

  // R opens the required note: Enter on an empty note is refused, Enter after typing rejects.
  await page.keyboard.press("r");
  const noteBox = page.getByLabel("Why is it rejected? (required)");
  await expect(noteBox).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(current.getByRole("alert")).toContainText("A note is required to reject");
  await expect(entries.nth(1).getByLabel("Rejected")).toHaveCount(0);
  await page.keyboard.type(note);
  await page.keyboard.press("Enter");
  await expect(entries.nth(1).getByLabel("Rejected")).toBeVisible();
  await expect(page.getByTestId("review-progress")).toHaveText(/^2 of \d+ reviewed/);
  await expect(title).not.toHaveText(`2. ${second}`);

  // The decisions are stored: a fresh queue no longer holds either asset, and the rejection's note is in the history.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Review queue" })).toBeVisible();
  await expect(queue.getByRole("listitem").first()).toBeVisible();
  await expect(queue.getByRole("listitem").filter({ hasText: exactly(first) })).toHaveCount(0);
  await expect(queue.getByRole("listitem").filter({ hasText: exactly(second) })).toHaveCount(0);

  await page.goto(secondHref!);
  const drawer = page.getByRole("dialog", { name: second });
  const history = drawer.getByRole("list", { name: "Approval history" });
  await expect(history).toContainText(note);
  await expect(history).toContainText("Rejected by");
});
