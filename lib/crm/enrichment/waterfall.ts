// Waterfall enrichment of one contact and its company: providers run in order on a working copy (slow calls outside any
// transaction), then one transaction re-reads the rows and writes only what still wins, with provenance per field.
// Never overwrite a value a person entered, never replace a more confident value, never count a run's contact twice.
import "server-only";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditLog, companies, contacts, customFieldDefs, enrichmentRuns, type Company, type Contact, type FieldProvenance, type ProvenanceMap } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { AppError, NotFoundError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { loadAllowHosts } from "./allow-hosts";
import { decide, DEFAULT_CONFIDENCE_THRESHOLD, isOpen, VALUE_DECISIONS, WRITING_DECISIONS, type Decision } from "./merge";
import { DEFAULT_PROVIDERS } from "./providers";
import type { Candidate, CompanyValues, ContactValues, EnrichmentProvider, FieldPath, Hints, ProviderContext, SubjectView } from "./providers/types";
import { EnrichmentRateLimitedError, websiteLimiterFor, type WebsiteLimiter } from "./rate-limit";
import { safeFetch, SafeFetchError, type Resolver } from "./safe-fetch";
import type { EnrichmentIssueKind } from "./schemas";

export interface WaterfallOptions {
  /** A field filled with at least this confidence is left alone (default 0.7). */
  threshold?: number;
  providers?: EnrichmentProvider[];
  /** The run this enrichment belongs to: its progress is counted, once per contact, in the same transaction. */
  runId?: string;
  /** Re-fetch a website even if it was fetched recently. */
  force?: boolean;
  /** How long to wait for a website-fetch slot before skipping the website (jobs wait, requests do not). */
  maxRateWaitMs?: number;
  /** Defaults to the Postgres limiter on ctx.db's pool; null disables limiting. */
  limiter?: WebsiteLimiter | null;
  /** Fetcher settings; tests inject a resolver. `allowHosts` replaces the workspace's list when given. */
  fetch?: { resolver?: Resolver; timeoutMs?: number; maxBytes?: number; allowHosts?: string[] };
  now?: () => Date;
}

export type FillMode = "fill" | "replace" | "normalise";

export interface FilledField {
  field: FieldPath;
  value: unknown;
  confidence: number;
  mode: FillMode;
}

export interface ProviderReport {
  provider: string;
  status: "ran" | "skipped" | "failed";
  reason?: string;
  filled: FilledField[];
}

/** A provider that did not do its work for this contact; kept with the contact's audit row so its run can report it. */
export interface ProviderIssue {
  provider: string;
  kind: EnrichmentIssueKind;
  reason: string;
}

export interface EnrichmentReport {
  contactId: string;
  companyId: string | null;
  companyCreated: boolean;
  fieldsFilled: number;
  alreadyDone: boolean;
  providers: ProviderReport[];
}

interface Winner {
  field: FieldPath;
  value: unknown;
  confidence: number;
  provider: string;
  /** The provider name recorded in provenance (the AI names the model provider). */
  provenanceProvider: string;
  replacesEquivalent: boolean;
}

/** How the working company relates to the contact: its own, one found by email domain, or a draft to create. */
type CompanySource = "contact" | "domain" | "draft";

interface Working {
  contact: ContactValues;
  contactProvenance: ProvenanceMap;
  company: CompanyValues | null;
  companyProvenance: ProvenanceMap;
  companySource: CompanySource | null;
  winners: Map<FieldPath, Winner>;
  /** The email-domain match that links a company-less contact to a company (existing or created). */
  link?: Winner;
  /** Providers with a marker that ran (ok or failed) on the company. */
  markers: Map<string, { provider: string; ok: boolean }>;
}

// ---------------------------------------------------------------- field access

function split(field: FieldPath): { entity: "contact" | "company"; key: string } {
  const dot = field.indexOf(".");
  return { entity: field.slice(0, dot) as "contact" | "company", key: field.slice(dot + 1) };
}

/**
 * The custom fields providers write, defined in the workspace the first time one is filled (a workspace may already
 * have its own definition of the key, which is kept), so they are listed with the other fields and exported.
 */
const ENRICHED_CUSTOM_FIELDS: Record<string, { label: string; type: "text" | "boolean" }> = {
  email_type: { label: "Email type", type: "text" },
  email_role_account: { label: "Email role account", type: "boolean" },
};

async function defineEnrichedCustomFields(db: DbOrTx, workspaceId: string, custom: unknown): Promise<void> {
  if (!custom || typeof custom !== "object") return;
  const defs = Object.keys(custom)
    .filter((k) => k in ENRICHED_CUSTOM_FIELDS)
    .map((key) => ({ workspaceId, entity: "contact", key, label: ENRICHED_CUSTOM_FIELDS[key]!.label, type: ENRICHED_CUSTOM_FIELDS[key]!.type }));
  if (defs.length > 0) await db.insert(customFieldDefs).values(defs).onConflictDoNothing();
}

/** Reads `custom.x`, `social.x` or a plain column from a row-like object. */
function readKey(row: Record<string, unknown>, key: string): unknown {
  const dot = key.indexOf(".");
  if (dot < 0) return row[key];
  const bag = row[key.slice(0, dot)] as Record<string, unknown> | null | undefined;
  return bag?.[key.slice(dot + 1)];
}

/** Writes into a patch, copying a jsonb bag (custom, social) from `base` on first touch. */
function writeKey(patch: Record<string, unknown>, base: Record<string, unknown>, key: string, value: unknown): void {
  const dot = key.indexOf(".");
  if (dot < 0) {
    patch[key] = value;
    return;
  }
  const bagName = key.slice(0, dot);
  const bag = (patch[bagName] ?? { ...((base[bagName] as Record<string, unknown> | null) ?? {}) }) as Record<string, unknown>;
  bag[key.slice(dot + 1)] = value;
  patch[bagName] = bag;
}

function contactValues(c: Contact): ContactValues {
  return {
    id: c.id,
    email: c.email,
    firstName: c.firstName,
    lastName: c.lastName,
    phone: c.phone,
    title: c.title,
    seniority: c.seniority,
    department: c.department,
    country: c.country,
    companyId: c.companyId,
    custom: { ...c.custom },
  };
}

function companyValues(c: Company): CompanyValues {
  return {
    id: c.id,
    name: c.name,
    domain: c.domain,
    website: c.website,
    description: c.description,
    industry: c.industry,
    employeeCount: c.employeeCount,
    country: c.country,
    summary: c.summary,
    social: { ...c.social },
  };
}

const EMPTY_COMPANY: CompanyValues = {
  id: null,
  name: null,
  domain: null,
  website: null,
  description: null,
  industry: null,
  employeeCount: null,
  country: null,
  summary: null,
  social: {},
};

function current(w: Working, field: FieldPath): { value: unknown; provenance: FieldProvenance | undefined } | null {
  const { entity, key } = split(field);
  if (entity === "contact") return { value: readKey(w.contact as unknown as Record<string, unknown>, key), provenance: w.contactProvenance[key] };
  if (!w.company) return null;
  return { value: readKey(w.company as unknown as Record<string, unknown>, key), provenance: w.companyProvenance[key] };
}

function errorReason(e: unknown): string {
  if (e instanceof SafeFetchError || e instanceof EnrichmentRateLimitedError || e instanceof AppError) return e.message;
  logger().warn({ err: e }, "enrichment provider failed");
  return "unexpected error (logged)";
}

// ---------------------------------------------------------------- gather: providers on a working copy

async function loadContact(db: DbOrTx, workspaceId: string, id: string, lock = false): Promise<Contact | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const q = db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id), isNull(contacts.deletedAt)))
    .limit(1);
  const [row] = lock ? await q.for("update") : await q;
  return row ?? null;
}

async function loadCompany(db: DbOrTx, workspaceId: string, where: { id?: string; domain?: string }, lock = false): Promise<Company | null> {
  const cond = where.id ? eq(companies.id, where.id) : eq(companies.domain, where.domain!);
  const q = db
    .select()
    .from(companies)
    .where(and(eq(companies.workspaceId, workspaceId), cond))
    .limit(1);
  const [row] = lock ? await q.for("update") : await q;
  return row ?? null;
}

/** Whether this run already enriched (or gave up on) the contact: the audit row written in the same transaction says so. */
async function alreadyDoneInRun(db: DbOrTx, workspaceId: string, runId: string, contactId: string): Promise<boolean> {
  const [hit] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.workspaceId, workspaceId),
        eq(auditLog.entityType, "contact"),
        eq(auditLog.entityId, contactId),
        eq(auditLog.action, "contact.enrich"),
        sql`${auditLog.after}->>'runId' = ${runId}`,
      ),
    )
    .limit(1);
  return !!hit;
}

/** Counts one contact in the run and completes the run when it was the last; all in the caller's transaction. */
export async function countInRun(db: DbOrTx, workspaceId: string, runId: string, delta: { done?: number; failed?: number; fieldsFilled?: number }): Promise<void> {
  const done = delta.done ?? 0;
  const failed = delta.failed ?? 0;
  const last = sql`(${enrichmentRuns.done} + ${done} + ${enrichmentRuns.failed} + ${failed} >= ${enrichmentRuns.total})`;
  const active = sql`${enrichmentRuns.status} in ('queued', 'running')`;
  await db
    .update(enrichmentRuns)
    .set({
      done: sql`${enrichmentRuns.done} + ${done}`,
      failed: sql`${enrichmentRuns.failed} + ${failed}`,
      fieldsFilled: sql`${enrichmentRuns.fieldsFilled} + ${delta.fieldsFilled ?? 0}`,
      status: sql`case when ${active} then (case when ${last} then 'completed' else 'running' end) else ${enrichmentRuns.status} end`,
      finishedAt: sql`case when ${active} and ${last} then now() else ${enrichmentRuns.finishedAt} end`,
    })
    .where(and(eq(enrichmentRuns.workspaceId, workspaceId), eq(enrichmentRuns.id, runId)));
}

function view(w: Working): SubjectView {
  return { contact: w.contact, contactProvenance: w.contactProvenance, company: w.company, companyProvenance: w.companyProvenance };
}

/** What each provider did, and the problems among them (failures, rate limits, recent failures not retried). */
interface Gathered {
  reports: ProviderReport[];
  issues: ProviderIssue[];
}

async function gather(ctx: Ctx, w: Working, opts: WaterfallOptions, now: Date, threshold: number): Promise<Gathered> {
  const providers = opts.providers ?? DEFAULT_PROVIDERS;
  const limiter = opts.limiter === undefined ? websiteLimiterFor(ctx.db) : opts.limiter;
  let allowHosts: string[] | undefined = opts.fetch?.allowHosts;
  const hints: Hints = {};
  const pc: ProviderContext = {
    ctx,
    get subject() {
      return view(w);
    },
    hints,
    now,
    force: !!opts.force,
    async fetchPage(url) {
      allowHosts ??= await loadAllowHosts(ctx.db, ctx.workspaceId);
      const release = limiter ? await limiter.acquire(ctx.workspaceId, opts.maxRateWaitMs ?? 2_000) : null;
      try {
        return await safeFetch(url, { allowHosts, resolver: opts.fetch?.resolver, timeoutMs: opts.fetch?.timeoutMs, maxBytes: opts.fetch?.maxBytes });
      } finally {
        await release?.();
      }
    },
  };

  const reports: ProviderReport[] = [];
  const issues: ProviderIssue[] = [];
  for (const provider of providers) {
    const report: ProviderReport = { provider: provider.name, status: "ran", filled: [] };
    reports.push(report);
    const declared = Object.entries(provider.fields) as [FieldPath, number][];
    const open = declared.filter(([f, conf]) => {
      const cur = current(w, f);
      return cur !== null && isOpen(cur.value, cur.provenance, conf, threshold);
    });
    if (!provider.free && open.length === 0) {
      report.status = "skipped";
      report.reason = "every field it fills is already filled with enough confidence";
      continue;
    }
    const missing = provider.precondition?.(pc) ?? null;
    if (missing) {
      report.status = "skipped";
      report.reason = missing;
      // Not retried because its last attempt on this company failed: the run must still say the provider did not work.
      const last = provider.marker ? w.companyProvenance[provider.marker] : undefined;
      if (last?.provider.endsWith(":failed")) issues.push({ provider: provider.name, kind: "recently_failed", reason: `${missing}; that attempt failed` });
      continue;
    }
    let proposals: Candidate[];
    try {
      proposals = await provider.run(pc);
      if (provider.marker) w.markers.set(provider.marker, { provider: provider.name, ok: true });
    } catch (e) {
      report.status = e instanceof EnrichmentRateLimitedError ? "skipped" : "failed";
      report.reason = errorReason(e);
      issues.push({ provider: provider.name, kind: e instanceof EnrichmentRateLimitedError ? "rate_limited" : "failed", reason: report.reason.slice(0, 300) });
      if (provider.marker && !(e instanceof EnrichmentRateLimitedError)) w.markers.set(provider.marker, { provider: provider.name, ok: false });
      continue;
    }
    for (const p of proposals) {
      const declaredConf = provider.fields[p.field];
      if (declaredConf === undefined) continue;
      const confidence = Math.min(p.confidence, declaredConf);
      const cur = current(w, p.field);
      if (!cur) continue;
      const provenanceProvider = p.provenanceProvider ?? provider.name;
      const d = decide(cur.value, cur.provenance, { value: p.value, confidence, replacesEquivalent: p.replacesEquivalent, provider: provenanceProvider }, threshold);
      if (!WRITING_DECISIONS.has(d)) continue;
      const { entity, key } = split(p.field);
      const target = (entity === "contact" ? w.contact : w.company!) as unknown as Record<string, unknown>;
      writeKey(target, target, key, p.value);
      if (d !== "normalise") {
        const prov = entity === "contact" ? w.contactProvenance : w.companyProvenance;
        prov[key] = { provider: provenanceProvider, confidence, at: now.toISOString() };
      }
      w.winners.set(p.field, { field: p.field, value: p.value, confidence, provider: provider.name, provenanceProvider, replacesEquivalent: !!p.replacesEquivalent });
    }
    // A draft company found by its domain becomes that company: enrich the existing row instead of creating one.
    if (w.companySource === "draft" && w.company?.domain) {
      const existing = await loadCompany(ctx.db, ctx.workspaceId, { domain: w.company.domain });
      if (existing) {
        w.link = w.winners.get("company.domain");
        for (const f of [...w.winners.keys()]) if (f.startsWith("company.")) w.winners.delete(f);
        w.company = companyValues(existing);
        w.companyProvenance = { ...existing.provenance };
        w.companySource = "domain";
      }
    }
  }
  return { reports, issues };
}

// ---------------------------------------------------------------- apply: one transaction

interface Applied {
  contactPatch: Record<string, unknown>;
  companyPatch: Record<string, unknown>;
  filled: (FilledField & { provider: string })[];
}

function applyWinners(
  entity: "contact" | "company",
  row: Record<string, unknown>,
  provenance: ProvenanceMap,
  winners: Winner[],
  threshold: number,
  at: string,
  out: Applied,
): void {
  const patch = entity === "contact" ? out.contactPatch : out.companyPatch;
  for (const win of winners) {
    const { key } = split(win.field);
    const d: Decision = decide(
      readKey(row, key),
      provenance[key],
      { value: win.value, confidence: win.confidence, replacesEquivalent: win.replacesEquivalent, provider: win.provenanceProvider },
      threshold,
    );
    if (!WRITING_DECISIONS.has(d)) continue;
    writeKey(patch, row, key, win.value);
    if (d !== "normalise") provenance[key] = { provider: win.provenanceProvider, confidence: win.confidence, at };
    if (VALUE_DECISIONS.has(d)) out.filled.push({ field: win.field, value: win.value, confidence: win.confidence, mode: d as FillMode, provider: win.provider });
  }
}

function summary(patch: Record<string, unknown>, row: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === "provenance" || k === "updatedAt") continue;
    before[k] = row[k] ?? null;
    after[k] = v;
  }
  return { before, after };
}

/**
 * Runs the providers for one contact (and its company) and saves what wins. Needs contacts.write.
 * With `runId`, progress is counted in that run, exactly once per contact even when a job is delivered twice.
 */
export async function runWaterfall(ctx: Ctx, contactId: string, opts: WaterfallOptions = {}): Promise<EnrichmentReport> {
  authorize(ctx, "contacts.write");
  const threshold = opts.threshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
  const now = opts.now?.() ?? new Date();
  const blank = (alreadyDone: boolean, companyId: string | null = null): EnrichmentReport => ({
    contactId,
    companyId,
    companyCreated: false,
    fieldsFilled: 0,
    alreadyDone,
    providers: [],
  });

  if (opts.runId && (await alreadyDoneInRun(ctx.db, ctx.workspaceId, opts.runId, contactId))) return blank(true);
  const contact = await loadContact(ctx.db, ctx.workspaceId, contactId);
  if (!contact) throw new NotFoundError("Contact");
  const company = contact.companyId ? await loadCompany(ctx.db, ctx.workspaceId, { id: contact.companyId }) : null;

  const w: Working = {
    contact: contactValues(contact),
    contactProvenance: { ...contact.provenance },
    company: company ? companyValues(company) : { ...EMPTY_COMPANY, social: {} },
    companyProvenance: company ? { ...company.provenance } : {},
    companySource: company ? "contact" : "draft",
    winners: new Map(),
    markers: new Map(),
  };
  const { reports, issues } = await gather(ctx, w, opts, now, threshold);

  return ctx.db.transaction(async (tx) => {
    const at = new Date().toISOString();
    const row = await loadContact(tx, ctx.workspaceId, contactId, true);
    if (!row) throw new NotFoundError("Contact");
    if (opts.runId && (await alreadyDoneInRun(tx, ctx.workspaceId, opts.runId, contactId))) return blank(true, row.companyId);

    const winners = [...w.winners.values()];
    const contactWinners = winners.filter((x) => x.field.startsWith("contact."));
    let companyWinners = winners.filter((x) => x.field.startsWith("company."));
    const out: Applied = { contactPatch: {}, companyPatch: {}, filled: [] };
    const contactProvenance: ProvenanceMap = { ...row.provenance };

    // Which company the company fields belong to now. If the contact's company changed while providers ran, the
    // values were found for another company: drop them rather than write them to the wrong row.
    let companyRow: Company | null = null;
    let companyCreated = false;
    const gatheredId = w.companySource === "draft" ? null : (w.company?.id ?? null);
    if (row.companyId) {
      if (row.companyId !== gatheredId) companyWinners = [];
      companyRow = await loadCompany(tx, ctx.workspaceId, { id: row.companyId }, true);
    } else if (w.companySource !== "contact" && w.company?.domain && (w.link ?? w.winners.get("company.domain"))) {
      const domain = w.company.domain;
      const link = (w.link ?? w.winners.get("company.domain"))!;
      companyRow = await loadCompany(tx, ctx.workspaceId, { domain }, true);
      if (!companyRow) {
        const name = (w.winners.get("company.name")?.value as string | undefined) ?? w.company.name ?? domain;
        const nameWin = w.winners.get("company.name");
        const [created] = await tx
          .insert(companies)
          .values({
            workspaceId: ctx.workspaceId,
            name,
            domain,
            domains: [domain],
            provenance: {
              name: { provider: nameWin?.provenanceProvider ?? link.provenanceProvider, confidence: nameWin?.confidence ?? 0.3, at },
              domain: { provider: link.provenanceProvider, confidence: link.confidence, at },
            },
          })
          .onConflictDoNothing()
          .returning();
        companyRow = created ?? (await loadCompany(tx, ctx.workspaceId, { domain }, true));
        if (created) {
          companyCreated = true;
          await recordAudit(tx, ctx, { action: "company.create", entityType: "company", entityId: created.id, after: { name, domain, source: "enrichment" } });
          out.filled.push({ field: "company.domain", value: domain, confidence: link.confidence, mode: "fill", provider: link.provider });
          out.filled.push({ field: "company.name", value: name, confidence: nameWin?.confidence ?? 0.3, mode: "fill", provider: nameWin?.provider ?? link.provider });
        }
      } else if (w.companySource === "draft") {
        // Someone created the company while providers ran: keep its own values, add only what it lacks.
        companyWinners = companyWinners.filter((x) => x.field !== "company.name" && x.field !== "company.domain");
      }
      if (companyRow) {
        contactWinners.push({ field: "contact.companyId", value: companyRow.id, confidence: link.confidence, provider: link.provider, provenanceProvider: link.provenanceProvider, replacesEquivalent: false });
      }
    } else {
      companyWinners = [];
    }

    applyWinners("contact", row as unknown as Record<string, unknown>, contactProvenance, contactWinners, threshold, at, out);

    let companyProvenance: ProvenanceMap = {};
    if (companyRow) {
      companyProvenance = { ...companyRow.provenance };
      const domainWin = companyWinners.find((x) => x.field === "company.domain");
      if (domainWin && !companyCreated) {
        // companies_workspace_domain_uq: a domain another company holds is not ours to take.
        const [taken] = await tx
          .select({ id: companies.id })
          .from(companies)
          .where(and(eq(companies.workspaceId, ctx.workspaceId), eq(companies.domain, String(domainWin.value)), ne(companies.id, companyRow.id)))
          .limit(1);
        if (taken) companyWinners = companyWinners.filter((x) => x !== domainWin);
      }
      applyWinners("company", companyRow as unknown as Record<string, unknown>, companyProvenance, companyWinners, threshold, at, out);
      const newDomain = out.companyPatch.domain as string | undefined;
      if (newDomain && !companyRow.domains.includes(newDomain)) out.companyPatch.domains = [...companyRow.domains, newDomain];
      for (const [marker, m] of w.markers) companyProvenance[marker] = { provider: m.ok ? m.provider : `${m.provider}:failed`, confidence: 0, at };
    }

    const contactChanged = Object.keys(out.contactPatch).length > 0 || JSON.stringify(contactProvenance) !== JSON.stringify(row.provenance);
    if (contactChanged) {
      await tx
        .update(contacts)
        .set({ ...(out.contactPatch as Partial<Contact>), provenance: contactProvenance, updatedAt: new Date() })
        .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, contactId)));
      await defineEnrichedCustomFields(tx, ctx.workspaceId, out.contactPatch.custom);
    }
    if (companyRow && (Object.keys(out.companyPatch).length > 0 || JSON.stringify(companyProvenance) !== JSON.stringify(companyRow.provenance))) {
      await tx
        .update(companies)
        .set({ ...(out.companyPatch as Partial<Company>), provenance: companyProvenance, updatedAt: new Date() })
        .where(and(eq(companies.workspaceId, ctx.workspaceId), eq(companies.id, companyRow.id)));
      if (Object.keys(out.companyPatch).length > 0) {
        const s = summary(out.companyPatch, companyRow as unknown as Record<string, unknown>);
        await recordAudit(tx, ctx, { action: "company.enrich", entityType: "company", entityId: companyRow.id, before: s.before, after: { ...s.after, runId: opts.runId ?? null } });
      }
    }

    const fieldsFilled = out.filled.length;
    // Written for every contact a run touches, changed or not: it is the run's proof that this contact was counted.
    const s = summary(out.contactPatch, row as unknown as Record<string, unknown>);
    await recordAudit(tx, ctx, {
      action: "contact.enrich",
      entityType: "contact",
      entityId: contactId,
      before: s.before,
      after: { ...s.after, runId: opts.runId ?? null, fieldsFilled, ...(issues.length ? { providerIssues: issues } : {}) },
    });
    if (opts.runId) await countInRun(tx, ctx.workspaceId, opts.runId, { done: 1, fieldsFilled });

    for (const f of out.filled) {
      const r = reports.find((x) => x.provider === f.provider);
      r?.filled.push({ field: f.field, value: f.value, confidence: f.confidence, mode: f.mode });
    }
    return {
      contactId,
      companyId: companyRow?.id ?? row.companyId ?? null,
      companyCreated,
      fieldsFilled,
      alreadyDone: false,
      providers: reports,
    };
  });
}

/** Records a contact the run could not enrich (deleted, or out of retries), once, and counts it as failed. */
export async function recordEnrichmentFailure(ctx: Ctx, runId: string, contactId: string, reason: string): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    // The contact's row lock serialises this with runWaterfall's transaction for the same contact (a second delivery).
    await tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, contactId))).for("update");
    if (await alreadyDoneInRun(tx, ctx.workspaceId, runId, contactId)) return false;
    await recordAudit(tx, ctx, { action: "contact.enrich", entityType: "contact", entityId: contactId, after: { runId, failed: true, reason } });
    await countInRun(tx, ctx.workspaceId, runId, { failed: 1 });
    return true;
  });
}
