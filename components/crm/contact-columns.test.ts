import { describe, expect, it } from "vitest";
import { columnSortState, isSortableColumn, nextSortForColumn } from "./contact-columns";

describe("sortable contact columns", () => {
  it("offers sorting on name, email, score and created only", () => {
    expect(["name", "email", "score", "created"].every((c) => isSortableColumn(c as "name"))).toBe(true);
    expect(isSortableColumn("company")).toBe(false);
    expect(isSortableColumn("updated")).toBe(false);
    expect(nextSortForColumn("owner", "newest")).toBeNull();
    expect(columnSortState("tags", "name")).toBeUndefined();
  });

  it("picks the column's own sort, and Created flips between newest and oldest", () => {
    expect(nextSortForColumn("name", "newest")).toBe("name");
    expect(nextSortForColumn("email", "name")).toBe("email");
    expect(nextSortForColumn("score", "score")).toBe("score");
    expect(nextSortForColumn("created", "name")).toBe("newest");
    expect(nextSortForColumn("created", "newest")).toBe("oldest");
    expect(nextSortForColumn("created", "oldest")).toBe("newest");
  });

  it("reports aria-sort for the active column and none for the others", () => {
    expect(columnSortState("name", "name")).toBe("ascending");
    expect(columnSortState("email", "email")).toBe("ascending");
    expect(columnSortState("score", "score")).toBe("descending");
    expect(columnSortState("created", "newest")).toBe("descending");
    expect(columnSortState("created", "oldest")).toBe("ascending");
    expect(columnSortState("name", "newest")).toBe("none");
    expect(columnSortState("created", "score")).toBe("none");
  });
});
