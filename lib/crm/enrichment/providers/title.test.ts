// Job titles → seniority and department, across languages and word orders; unreadable titles give nothing.
import { describe, expect, it } from "vitest";
import { departmentOf, seniorityOf } from "./title";

describe("seniority", () => {
  it.each([
    ["CEO", "c_level"],
    ["Chief Marketing Officer", "c_level"],
    ["Co-Founder & CTO", "owner"],
    ["Senior Vice President, Sales", "vp"],
    ["VP Engineering", "vp"],
    ["Head of Growth", "head"],
    ["Senior Director of Product", "director"],
    ["Associate Director, Finance", "director"],
    ["Marketing Manager", "manager"],
    ["Assistant Manager", "manager"],
    ["Senior Software Engineer", "senior"],
    ["Staff Engineer", "senior"],
    ["Junior Accountant", "entry"],
    ["Marketing Intern", "intern"],
    ["Managing Partner", "partner"],
    // German, French, Spanish, Portuguese
    ["Geschäftsführer", "c_level"],
    ["Vertriebsleiter", "manager"],
    ["Werkstudent Marketing", "intern"],
    ["Directeur Général", "c_level"],
    ["Responsable marketing", "manager"],
    ["Stagiaire communication", "intern"],
    ["Director de Ventas", "director"],
    ["Gerente de Operaciones", "manager"],
    ["Diretora Financeira", "director"],
  ])("%s → %s", (title, seniority) => expect(seniorityOf(title)).toBe(seniority));

  it("says nothing for titles without a seniority marker", () => {
    expect(seniorityOf("Software Engineer")).toBeNull();
    expect(seniorityOf("")).toBeNull();
    expect(seniorityOf("???")).toBeNull();
  });
});

describe("department", () => {
  it.each([
    ["CMO", "marketing"],
    ["CFO", "finance"],
    ["Co-Founder & CTO", "engineering"],
    ["Chief Executive Officer", "executive"],
    ["Chief Marketing Officer", "marketing"],
    ["Product Marketing Manager", "marketing"],
    ["Marketing Operations Manager", "marketing"],
    ["Senior Product Manager", "product"],
    ["Account Executive", "sales"],
    ["Head of Customer Success", "support"],
    ["Head of IT", "it"],
    ["Talent Acquisition Partner", "hr"],
    ["General Counsel", "legal"],
    ["UX Designer", "design"],
    ["Supply Chain Analyst", "operations"],
    ["Marketingleiterin", "marketing"],
    ["Vertriebsleiter", "sales"],
    ["Softwareentwickler", "engineering"],
    ["Développeur Full Stack", "engineering"],
    ["Responsable des ressources humaines", "hr"],
    ["Contable", "finance"],
    ["Gerente de Ventas", "sales"],
  ])("%s → %s", (title, department) => expect(departmentOf(title)?.department).toBe(department));

  it("says nothing for titles without a department keyword", () => {
    expect(departmentOf("Ninja")).toBeNull();
    expect(departmentOf("Senior Manager")).toBeNull();
  });
});
