import { describe, expect, it } from "vitest";
import { campaignPatchSchema, createCampaignSchema, listCampaignsSchema } from "./schemas";

describe("campaign schemas", () => {
  it("fills defaults and normalises currency and tags", () => {
    const c = createCampaignSchema.parse({ name: "Launch", currency: "gbp", tags: ["Email", " email ", "Paid"] });
    expect(c).toMatchObject({ status: "planned", budgetMinor: 0, currency: "GBP", tags: ["email", "paid"], startDate: null });
  });

  it("names the field that is wrong", () => {
    const r = createCampaignSchema.safeParse({ name: "L", budgetMinor: 12.5, currency: "EURO", startDate: "2026-02-30x" });
    expect(r.success).toBe(false);
    expect([...new Set(r.error!.issues.map((i) => i.path.join(".")))].sort()).toEqual(["budgetMinor", "currency", "name", "startDate"]);
    expect(createCampaignSchema.safeParse({ name: "Leap", startDate: "2026-02-30" }).error?.issues[0]?.message).toBe("Not a real date.");
  });

  it("refuses an end before the start, on create and on patch", () => {
    expect(createCampaignSchema.safeParse({ name: "Ok", startDate: "2026-05-02", endDate: "2026-05-01" }).error?.issues[0]?.path).toEqual([
      "endDate",
    ]);
    expect(campaignPatchSchema.safeParse({ startDate: "2026-05-02", endDate: "2026-05-01" }).success).toBe(false);
  });

  it("bounds list limits and sorts", () => {
    expect(listCampaignsSchema.parse({}).limit).toBe(25);
    expect(listCampaignsSchema.safeParse({ limit: "500" }).success).toBe(false);
    expect(listCampaignsSchema.safeParse({ sort: "random" }).success).toBe(false);
  });
});
