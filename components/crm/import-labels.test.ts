import { describe, expect, it } from "vitest";
import { completedSummary, formatFileSize, humaniseKey, importedColumns, importTargetLabel, repeatedRowsNote, stageMovesRefusedNote, unchangedLabel } from "./import-labels";

const count = (n: number) => n.toLocaleString("en-US");

describe("importTargetLabel", () => {
  it("names contact fields as the mapping step does", () => {
    expect(importTargetLabel("lastName")).toBe("Last name");
    expect(importTargetLabel("lifecycleStage")).toBe("Lifecycle stage");
  });

  it("names custom fields by their label, else by their key in words", () => {
    expect(importTargetLabel("custom.city")).toBe("City (custom field)");
    expect(importTargetLabel("custom.job_level")).toBe("Job level (custom field)");
    expect(importTargetLabel("custom.city", { city: "Home town" })).toBe("Home town (custom field)");
  });
});

describe("importedColumns", () => {
  it("keeps mapped columns in file order and leaves ignored ones out", () => {
    expect(importedColumns({ "E-mail": "email", Notes: null, Town: "custom.city", Surname: "lastName" })).toEqual([
      { header: "E-mail", label: "Email" },
      { header: "Town", label: "City (custom field)" },
      { header: "Surname", label: "Last name" },
    ]);
  });
});

describe("humaniseKey", () => {
  it("turns snake_case and camelCase into words", () => {
    expect(humaniseKey("first_name")).toBe("First name");
    expect(humaniseKey("ownerUserId")).toBe("Owner user id");
  });
});

describe("formatFileSize", () => {
  it("drops a useless .0", () => {
    expect(formatFileSize(200 * 1024 * 1024)).toBe("200 MB");
    expect(formatFileSize(2 * 1024 * 1024)).toBe("2 MB");
    expect(formatFileSize(1024)).toBe("1 KB");
  });

  it("keeps one decimal where it says something", () => {
    expect(formatFileSize(1.5 * 1024 * 1024)).toBe("1.5 MB");
    expect(formatFileSize(2.25 * 1024)).toBe("2.3 KB");
    expect(formatFileSize(12.4 * 1024 * 1024)).toBe("12 MB");
  });

  it("counts small files in bytes and big ones in GB", () => {
    expect(formatFileSize(512)).toBe("512 B");
    expect(formatFileSize(3 * 1024 ** 3)).toBe("3 GB");
  });
});

describe("unchanged contacts", () => {
  it("are skipped under skip and unchanged under update and fill blanks", () => {
    expect(unchangedLabel("skip").counter).toBe("Skipped (already in the CRM)");
    expect(unchangedLabel("update").counter).toBe("Unchanged (already up to date)");
    expect(unchangedLabel("fill_blanks").counter).toBe("Unchanged (already up to date)");
  });

  it("are named in the completion summary by policy", () => {
    const r = { inserted: 1200, updated: 3, skipped: 5, errorRows: 0 };
    expect(completedSummary({ ...r, policy: "skip" }, count)).toBe("Done: 1,200 added, 3 updated, 5 skipped, 0 with errors.");
    expect(completedSummary({ ...r, policy: "update" }, count)).toBe("Done: 1,200 added, 3 updated, 5 unchanged, 0 with errors.");
  });
});

describe("notes", () => {
  it("explain repeated emails, singular and plural", () => {
    expect(repeatedRowsNote(1, count)).toMatch(/^1 row repeated an email .* later row was kept/);
    expect(repeatedRowsNote(2500, count)).toMatch(/^2,500 rows repeated an email .*error report/);
  });

  it("explain refused backward stage moves", () => {
    expect(stageMovesRefusedNote(1, count)).toMatch(/^1 backward stage move was not applied: your role can't move contacts back/);
    expect(stageMovesRefusedNote(3, count)).toMatch(/^3 backward stage moves were not applied.*Ask a manager/);
  });
});
