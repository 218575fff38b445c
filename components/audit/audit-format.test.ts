import { describe, expect, it } from "vitest";
import { describeAction, describeEntity, entityHref, entityView, fieldLabel, mergeView, summariseChange, type AuditEntryView } from "./audit-format";

const ID = "0b5e2f1c-1d2e-4f3a-9b8c-7d6e5f4a3b2c";
const OTHER = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

function entry(over: Partial<AuditEntryView>): AuditEntryView {
  return { id: "e1", actorLabel: "Ana", action: "contact.update", entityType: "contact", entityId: ID, before: null, after: null, createdAt: "2026-01-31T10:00:00Z", ...over };
}

describe("describeAction", () => {
  it("names known actions in words, never as their key", () => {
    expect(describeAction("contact.merge")).toBe("Merged contacts");
    expect(describeAction("contact_import.complete")).toBe("Completed a CSV import");
  });

  it("reads an unlisted key as words", () => {
    expect(describeAction("media_asset.bulk_approve")).toBe("Media asset: bulk approved");
    expect(describeAction("segment.frobnicate")).toBe("Segment: frobnicate");
    expect(describeAction("media_asset.bulk_approve")).not.toContain("media_asset");
  });
});

describe("entity links", () => {
  it("point at the record's page for types that have one", () => {
    expect(entityHref("contact", ID)).toBe(`/crm/contacts/${ID}`);
    expect(entityHref("company", ID)).toBe(`/crm/companies/${ID}`);
    expect(entityHref("segment", ID)).toBe(`/crm/segments/${ID}`);
    expect(entityHref("contact_import", ID)).toBe(`/crm/imports/${ID}`);
    expect(entityHref("media_asset", ID)).toBe(`/media?asset=${ID}`);
    expect(entityHref("campaign", ID)).toBe(`/campaigns/${ID}`);
  });

  it("are left out for types without a page, bulk entries and removed records", () => {
    expect(entityHref("api_key", ID)).toBeNull();
    expect(entityHref("contact", "3 contacts")).toBeNull();
    expect(entityHref("campaign", ID, "campaign.delete")).toBeNull();
    expect(entityHref("contact", ID, "contact.erase")).toBeNull();
  });
});

describe("entityView", () => {
  it("keeps the whole type label and the full id in the title", () => {
    const v = entityView(entry({ after: { title: "CTO" } }));
    expect(v).toMatchObject({ type: "Contact", name: ID.slice(0, 8), href: `/crm/contacts/${ID}` });
    expect(v.title).toContain(ID);
  });

  it("names a record by what the entry recorded", () => {
    expect(describeEntity(entry({ action: "campaign.create", entityType: "campaign", after: { name: "Spring launch" } }))).toBe("Campaign “Spring launch”");
    expect(describeEntity(entry({ action: "contact.create", after: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" } }))).toBe("Contact Ada Lovelace");
    expect(describeEntity(entry({ action: "contact_import.upload", entityType: "contact_import", after: { fileName: "leads.csv" } }))).toBe("Import leads.csv");
  });

  it("shows a bulk entity whole instead of cutting it", () => {
    const v = entityView(entry({ action: "contact.bulk_delete", entityId: "12 contacts", before: { ids: [ID] } }));
    expect(v).toMatchObject({ type: "Contact", name: "12 contacts", href: null, bulk: true });
    expect(describeEntity(entry({ action: "contact.bulk_delete", entityId: "12 contacts" }))).toBe("12 contacts");
  });
});

describe("summariseChange", () => {
  it("labels fields in words and shows before and after", () => {
    const { lines, more } = summariseChange(entry({ before: { lifecycleStage: "lead", first_name: "Ada" }, after: { lifecycleStage: "mql", first_name: "Ada B." } }));
    expect(lines).toEqual([
      { field: "Lifecycle stage", before: "Lead", after: "MQL" },
      { field: "First name", before: "Ada", after: "Ada B." },
    ]);
    expect(more).toBe(0);
  });

  it("shows money, booleans, id lists and import mappings readably", () => {
    const { lines } = summariseChange(
      entry({
        after: { budgetMinor: 150000, currency: "USD", doNotContact: true, ids: [ID, OTHER], mapping: { "E-mail": "email", Notes: null, Town: "custom.city" } },
      }),
      10,
    );
    expect(lines).toContainEqual({ field: "Budget", after: "$1,500.00" });
    expect(lines).toContainEqual({ field: "Do not contact", after: "yes" });
    expect(lines).toContainEqual({ field: "Records", after: "2 records" });
    expect(lines).toContainEqual({ field: "Columns", after: "E-mail → Email, Town → City (custom field)" });
  });

  it("counts what it leaves out", () => {
    const after = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`field${i}`, i]));
    expect(summariseChange(entry({ after })).more).toBe(2);
  });
});

describe("mergeView", () => {
  it("names the winner (linked) and the loser (gone, so not linked)", () => {
    const m = mergeView(
      entry({
        action: "contact.merge",
        before: { winner: { id: ID, email: "ada@example.com", name: "Ada Lovelace" }, loser: { id: OTHER, email: "ada@old.example", name: "" } },
        after: { fieldsFromLoser: ["phone", "lifecycleStage"], tags: ["vip"] },
      }),
    );
    expect(m).toEqual({
      winner: { id: ID, name: "Ada Lovelace", email: "ada@example.com", href: `/crm/contacts/${ID}` },
      loser: { id: OTHER, name: "ada@old.example", email: "ada@old.example", href: null },
      fieldsTaken: ["Phone", "Lifecycle stage"],
      tags: ["vip"],
    });
  });

  it("is null for other entries", () => {
    expect(mergeView(entry({}))).toBeNull();
  });
});

describe("fieldLabel", () => {
  it("turns camelCase and snake_case into words", () => {
    expect(fieldLabel("stageMovesRefused")).toBe("Stage moves refused");
    expect(fieldLabel("error_rows")).toBe("Error rows");
  });
});
