// Seeds the demo: workspace "Acme Marketing" with one user per role, a second workspace, and a plausible campaign plan.
// Deterministic (fixed faker seed, fixed ids) and run once: it never touches a database that already has the demo.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { faker } from "@faker-js/faker";
import { hashPassword } from "better-auth/crypto";
import { eq } from "drizzle-orm";
import { createDb } from "../db/client";
import { accounts, auditLog, campaigns, members, users, workspaces, type NewCampaign } from "../db/schema";
import type { Role } from "../lib/auth/permissions";

export const DEMO_PASSWORD = "demo-password-1";
export const DEMO_WORKSPACE_SLUG = "acme-marketing";
export const DEMO_USERS: { role: Role; email: string; name: string }[] = [
  { role: "owner", email: "owner@demo.aicmo.dev", name: "Olivia Owner" },
  { role: "admin", email: "admin@demo.aicmo.dev", name: "Adam Admin" },
  { role: "manager", email: "manager@demo.aicmo.dev", name: "Maya Manager" },
  { role: "marketer", email: "marketer@demo.aicmo.dev", name: "Marco Marketer" },
  { role: "approver", email: "approver@demo.aicmo.dev", name: "April Approver" },
  { role: "viewer", email: "viewer@demo.aicmo.dev", name: "Victor Viewer" },
];

const OBJECTIVES = ["awareness", "lead generation", "product launch", "retention", "event sign-ups", "webinar attendance"];
const CHANNEL_TAGS = ["email", "linkedin", "instagram", "paid-search", "webinar", "blog", "tiktok", "partners"];

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export async function seedDemo(url: string, now = new Date("2026-11-01T09:00:00Z")): Promise<{ seeded: boolean }> {
  const db = createDb(url, 2);
  try {
    const [existing] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, DEMO_WORKSPACE_SLUG));
    if (existing) return { seeded: false };
    faker.seed(20261129);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await db.transaction(async (tx) => {
      const userIds = new Map<Role, string>();
      for (const u of DEMO_USERS) {
        const id = faker.string.uuid();
        userIds.set(u.role, id);
        await tx.insert(users).values({ id, name: u.name, email: u.email, emailVerified: true, createdAt: now, updatedAt: now });
        await tx.insert(accounts).values({
          id: faker.string.uuid(),
          accountId: id,
          providerId: "credential",
          userId: id,
          password: passwordHash,
          createdAt: now,
          updatedAt: now,
        });
      }
      const acme = faker.string.uuid();
      const northwind = faker.string.uuid();
      await tx.insert(workspaces).values([
        { id: acme, name: "Acme Marketing", slug: DEMO_WORKSPACE_SLUG, timezone: "Europe/London", createdAt: now },
        { id: northwind, name: "Northwind Studio", slug: "northwind-studio", timezone: "America/New_York", createdAt: now },
      ]);
      await tx.insert(members).values(
        DEMO_USERS.map((u) => ({ id: faker.string.uuid(), organizationId: acme, userId: userIds.get(u.role)!, role: u.role, createdAt: now })),
      );
      // A user may belong to several workspaces, with a different role in each.
      await tx.insert(members).values([
        { id: faker.string.uuid(), organizationId: northwind, userId: userIds.get("owner")!, role: "owner", createdAt: now },
        { id: faker.string.uuid(), organizationId: northwind, userId: userIds.get("viewer")!, role: "marketer", createdAt: now },
      ]);

      const owners = [userIds.get("owner")!, userIds.get("manager")!, userIds.get("marketer")!];
      const plan = (workspaceId: string, count: number) =>
        Array.from({ length: count }, (_, i) => {
          const start = faker.date.between({ from: new Date(now.getTime() - 120 * 864e5), to: new Date(now.getTime() + 90 * 864e5) });
          const end = new Date(start.getTime() + faker.number.int({ min: 14, max: 75 }) * 864e5);
          const status: NewCampaign["status"] = end < now ? "completed" : start > now ? "planned" : faker.helpers.arrayElement(["active", "active", "paused"] as const);
          const season = faker.helpers.arrayElement(["Winter", "Spring", "Summer", "Autumn", "Holiday", "Q1", "Q2", "Q3", "Q4"]);
          const created = new Date(now.getTime() - (count - i) * 3 * 864e5);
          return {
            id: faker.string.uuid(),
            workspaceId,
            name: `${season} ${faker.commerce.productAdjective()} ${faker.commerce.product()} ${faker.helpers.arrayElement(["push", "launch", "campaign", "series", "promo"])}`,
            objective: `Drive ${faker.helpers.arrayElement(OBJECTIVES)} for ${faker.commerce.productName()} among ${faker.person.jobArea().toLowerCase()} teams.`,
            status,
            startDate: isoDay(start),
            endDate: isoDay(end),
            budgetMinor: faker.number.int({ min: 20, max: 600 }) * 10_000,
            currency: faker.helpers.arrayElement(["USD", "USD", "EUR", "GBP"]),
            ownerUserId: faker.helpers.arrayElement(owners),
            tags: faker.helpers.arrayElements(CHANNEL_TAGS, { min: 1, max: 3 }),
            createdAt: created,
            updatedAt: created,
          };
        });
      const acmeCampaigns = plan(acme, 18);
      await tx.insert(campaigns).values([...acmeCampaigns, ...plan(northwind, 4)]);
      await tx.insert(auditLog).values(
        acmeCampaigns.slice(-5).map((c) => ({
          workspaceId: acme,
          actorUserId: c.ownerUserId,
          actorLabel: DEMO_USERS.find((u) => userIds.get(u.role) === c.ownerUserId)?.email ?? "system",
          action: "campaign.create",
          entityType: "campaign",
          entityId: c.id,
          after: { name: c.name, status: c.status, budgetMinor: c.budgetMinor, currency: c.currency },
          createdAt: c.createdAt,
        })),
      );
    });
    return { seeded: true };
  } finally {
    await db.$client.end();
  }
}

async function main() {
  const { withAppDatabase } = await import("./lib/app-db");
  const { migrateDatabase } = await import("./migrate");
  await withAppDatabase(async (url, where) => {
    await migrateDatabase(url);
    const r = await seedDemo(url);
    console.log(r.seeded ? `demo data seeded in ${where}` : `demo data already present in ${where}; nothing changed`);
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
