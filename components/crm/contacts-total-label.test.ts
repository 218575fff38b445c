import { describe, expect, it } from "vitest";
import { contactsTotalLabel } from "./contacts-total-label";

describe("contactsTotalLabel", () => {
  it("groups an exact figure and agrees in number", () => {
    expect(contactsTotalLabel({ count: 12_345, exact: true }, false)).toBe("12,345 contacts");
    expect(contactsTotalLabel({ count: 1, exact: true }, false)).toBe("1 contact");
    expect(contactsTotalLabel({ count: 0, exact: true }, true)).toBe("0 contacts match");
    expect(contactsTotalLabel({ count: 1, exact: true }, true)).toBe("1 contact matches");
    expect(contactsTotalLabel({ count: 12_345, exact: true }, true)).toBe("12,345 contacts match");
  });

  it("rounds an estimate and says it is one", () => {
    expect(contactsTotalLabel({ count: 1_234_567, exact: false }, false)).toBe("about 1.2M contacts");
    expect(contactsTotalLabel({ count: 48_210, exact: false }, true)).toBe("about 48.2K contacts match");
    expect(contactsTotalLabel({ count: 1, exact: false }, true)).toBe("about 1 contact matches");
  });
});
