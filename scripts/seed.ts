// Seeds the demo: workspace "Acme Marketing" with one user per role, a second workspace, and a plausible campaign plan.
// Deterministic (fixed faker seed, fixed ids) and run once: it never touches a database that already has the demo.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { faker } from "@faker-js/faker";
import { hashPassword } from "better-auth/crypto";
import { eq } from "drizzle-orm";
import { createDb } from "../db/client";
import { accounts, auditLog, campaigns, companies, contactEvents, contacts, lifecycleHistory, members, users, workspaces, type NewCampaign } from "../db/schema";
import { FORWARD_ORDER } from "../lib/crm/stages";
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
      await seedCrm(tx, acme, acmeCampaigns.map((c) => c.id), owners, now);
      const { seedDemoMedia } = await import("./seed-media");
      await seedDemoMedia(tx, {
        workspaceId: acme,
        users: new Map(DEMO_USERS.map((u) => [u.role, { id: userIds.get(u.role)!, email: u.email }])),
        campaignIds: acmeCampaigns.map((c) => c.id),
        now,
      });
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

type SeedTx = Parameters<Parameters<ReturnType<typeof createDb>["transaction"]>[0]>[0];

const SENIORITIES = ["c_level", "vp", "director", "manager", "senior", "entry"];
const DEPARTMENTS = ["marketing", "sales", "engineering", "product", "finance", "operations"];
const EVENT_TYPES = ["email_open", "email_click", "page_view", "form_submit", "purchase"] as const;

/** A plausible CRM: 40 companies, 400 contacts spread over the funnel, and a few thousand timeline events. */
async function seedCrm(tx: SeedTx, workspaceId: string, campaignIds: string[], owners: string[], now: Date): Promise<void> {
  const companyRows = Array.from({ length: 40 }, () => {
    const name = faker.company.name();
    const domain = `${faker.internet.domainWord()}-${faker.string.alphanumeric({ length: 4, casing: "lower" })}.example`;
    return {
      id: faker.string.uuid(),
      workspaceId,
      name,
      domain,
      domains: [domain],
      industry: faker.helpers.arrayElement(["Software", "Retail", "Healthcare", "Finance", "Manufacturing", "Media", "Education"]),
      employeeCount: faker.number.int({ min: 5, max: 5000 }),
      website: `https://${domain}`,
      country: faker.helpers.arrayElement(["US", "GB", "DE", "FR", "NL", "ES", "CA"]),
      createdAt: now,
      updatedAt: now,
    };
  });
  await tx.insert(companies).values(companyRows);
  const contactRows = Array.from({ length: 400 }, (_, i) => {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const company = faker.helpers.arrayElement(companyRows);
    const stage = faker.helpers.weightedArrayElement([
      { weight: 30, value: "subscriber" },
      { weight: 25, value: "lead" },
      { weight: 15, value: "mql" },
      { weight: 10, value: "sql" },
      { weight: 8, value: "opportunity" },
      { weight: 9, value: "customer" },
      { weight: 3, value: "evangelist" },
    ]);
    const created = new Date(now.getTime() - faker.number.int({ min: 1, max: 300 }) * 864e5);
    return {
      id: faker.string.uuid(),
      workspaceId,
      email: `${firstName}.${lastName}.${i}@${company.domain}`.toLowerCase().replace(/[^a-z0-9.@-]/g, ""),
      firstName,
      lastName,
      title: faker.person.jobTitle(),
      seniority: faker.helpers.arrayElement(SENIORITIES),
      department: faker.helpers.arrayElement(DEPARTMENTS),
      companyId: company.id,
      ownerUserId: faker.helpers.arrayElement(owners),
      source: faker.helpers.arrayElement(["website", "webinar", "import", "referral", "events-api"]),
      country: company.country,
      tags: faker.helpers.arrayElements(["newsletter", "webinar-2026", "trial", "partner", "vip"], { min: 0, max: 2 }),
      lifecycleStage: stage,
      emailConsent: faker.helpers.arrayElement(["opted_in", "opted_in", "unknown", "opted_out"]),
      createdAt: created,
      updatedAt: created,
    };
  });
  await tx.insert(contacts).values(contactRows);
  const history = contactRows.flatMap((c) => {
    const steps = FORWARD_ORDER.slice(0, FORWARD_ORDER.indexOf(c.lifecycleStage as (typeof FORWARD_ORDER)[number]) + 1);
    return steps.map((to, i) => ({
      workspaceId,
      contactId: c.id,
      fromStage: i === 0 ? null : steps[i - 1]!,
      toStage: to,
      actorLabel: i === 0 ? "import" : "system",
      reason: i === 0 ? "created" : "demo history",
      createdAt: new Date(c.createdAt.getTime() + i * 5 * 864e5),
    }));
  });
  await tx.insert(lifecycleHistory).values(history);
  const events = contactRows.flatMap((c) =>
    Array.from({ length: faker.number.int({ min: 0, max: 12 }) }, () => {
      const type = faker.helpers.arrayElement(EVENT_TYPES);
      return {
        workspaceId,
        contactId: c.id,
        type,
        channel: type.startsWith("email") ? "email" : type === "purchase" ? "web" : faker.helpers.arrayElement(["web", "linkedin"]),
        campaignId: type.startsWith("email") ? faker.helpers.arrayElement(campaignIds) : null,
        valueMinor: type === "purchase" ? faker.number.int({ min: 1_000, max: 50_000 }) : null,
        occurredAt: faker.date.between({ from: c.createdAt, to: now }),
        properties: {},
      };
    }),
  );
  for (let i = 0; i < events.length; i += 1000) await tx.insert(contactEvents).values(events.slice(i, i + 1000));
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
