import { describe, expect, it } from "vitest";
import { assignableRoles, can, lesserRole, PERMISSIONS, ROLE_PERMISSIONS, ROLES } from "./permissions";

describe("permission table", () => {
  it("lets a viewer read the engines but never write, approve or manage anything", () => {
    for (const p of PERMISSIONS) {
      if (can("viewer", p)) expect(p, p).toMatch(/\.read$/);
    }
    for (const p of ["campaigns.read", "contacts.read", "analytics.read", "media.read", "posts.read"] as const) {
      expect(can("viewer", p), p).toBe(true);
    }
    expect(can("viewer", "audit.read")).toBe(false);
  });

  it("gives approvers the approve permissions but not content writes", () => {
    expect(can("approver", "media.approve")).toBe(true);
    expect(can("approver", "posts.approve")).toBe(true);
    expect(can("approver", "campaigns.write")).toBe(false);
    expect(can("approver", "media.write")).toBe(false);
  });

  it("keeps settings and members to owners and admins", () => {
    for (const role of ROLES) {
      const admin = role === "owner" || role === "admin";
      expect(can(role, "settings.manage"), role).toBe(admin);
      expect(can(role, "members.manage"), role).toBe(admin);
    }
    expect(can("manager", "ads.budget")).toBe(true);
    expect(can("marketer", "ads.budget")).toBe(false);
  });

  it("nests roles: each role's permissions include the one below it", () => {
    const chain = ["viewer", "marketer", "manager", "admin", "owner"] as const;
    for (let i = 1; i < chain.length; i++) {
      for (const p of ROLE_PERMISSIONS[chain[i - 1]!]) expect(can(chain[i]!, p), `${chain[i]} ⊇ ${chain[i - 1]}: ${p}`).toBe(true);
    }
  });

  it("never lets anyone grant a role above their own", () => {
    expect(assignableRoles("admin")).not.toContain("owner");
    expect(assignableRoles("owner")).toContain("owner");
    expect(assignableRoles("manager")).toEqual([]);
  });

  it("caps a key's role at what both roles allow", () => {
    expect(lesserRole("owner", "viewer")).toBe("viewer");
    expect(lesserRole("manager", "admin")).toBe("manager");
    expect(lesserRole("approver", "marketer")).toBe("viewer");
    expect(lesserRole("approver", "manager")).toBe("approver");
  });
});
