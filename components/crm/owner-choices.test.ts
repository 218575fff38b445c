import { describe, expect, it } from "vitest";
import { ROLES, can } from "@/lib/auth/permissions";
import type { OwnerOption } from "./contact-filters";
import { assignableOwners } from "./owner-choices";

const member = (role: OwnerOption["role"], userId: string = String(role)): OwnerOption => ({ userId, name: `A ${role}`, email: `${userId}@example.com`, role });

describe("assignableOwners", () => {
  it("offers exactly the roles that may write contacts", () => {
    const all = ROLES.map((r) => member(r));
    expect(assignableOwners(all).map((o) => o.role)).toEqual(ROLES.filter((r) => can(r, "contacts.write")));
    expect(assignableOwners(all).map((o) => o.role)).not.toContain("viewer");
    expect(assignableOwners(all).map((o) => o.role)).not.toContain("approver");
  });

  it("keeps the current owner even when their role can no longer edit contacts", () => {
    const all = [member("viewer", "v1"), member("approver", "a1"), member("marketer", "m1")];
    expect(assignableOwners(all, "v1").map((o) => o.userId)).toEqual(["v1", "m1"]);
    expect(assignableOwners(all, null).map((o) => o.userId)).toEqual(["m1"]);
  });

  it("keeps members whose role the caller did not pass", () => {
    expect(assignableOwners([{ userId: "u1", name: "U", email: "u@example.com" }])).toHaveLength(1);
  });
});
