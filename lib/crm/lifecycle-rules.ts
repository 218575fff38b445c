// Lifecycle rules ("score ≥ 60 → MQL"): CRUD, and applying every enabled rule with one set-based statement per rule.
// Rules only ever move contacts FORWARD in the funnel; they never touch another workspace, and never loop per contact.
import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { auditLog, contacts, lifecycleRules, type Contact } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, withDb, type Ctx } from "@/lib/auth/context";
import { NotFoundError, ValidationError, type FieldErrors } from "@/lib/errors";
import { fieldErrorsFromZodIssues } from "@/lib/validation";
import {
  createLifecycleRuleSchema,
  lifecycleRuleIdSchema,
  updateLifecycleRuleSchema,
} from "./schemas";
import { compileWorkspaceRules } from "./segments/segments";
import { segmentRulesSchema, type SegmentRules } from "./segments/rules";
import { FORWARD_ORDER, type LifecycleStage } from "./stages";

export type LifecycleRule = typeof lifecycleRules.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RuleRunResult {
  /** Contacts moved, all rules together (a contact moves at most once per run). */
  moved: number;
  byRule: Array<{ ruleId: string; name: string; toStage: string; moved: number }>;
  /** Enabled rules that were not applied because their condition no longer compiles, with the reason. */
  skipped: Array<{ ruleId: string; name: string; problem: string }>;
}

/** A rule as listed: `problem` says why its condition no longer compiles (null when it does). */
export type ListedLifecycleRule = LifecycleRule & { problem: string | null };

/** The actor label a rule's moves carry in the history, the timeline and the audit log. */
export function ruleActorLabel(name: string): string {
  return `rule: ${name}`;
}

function parseCondition(raw: unknown): SegmentRules {
  const parsed = segmentRulesSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = fieldErrorsFromZodIssues(parsed.error.issues.map((i) => ({ ...i, path: ["condition", ...i.path] })));
    throw new ValidationError(errors, "The rule's condition is not valid.");
  }
  return parsed.data;
}

/** Parses and compiles a condition for this workspace: unknown fields, foreign segments or campaigns are refused here. */
async function checkCondition(ctx: Ctx, raw: unknown): Promise<SegmentRules> {
  const rules = parseCondition(raw);
  await compileWorkspaceRules(ctx, rules, { checkCampaigns: true, errorPath: "condition" });
  return rules;
}

async function loadRule(ctx: Ctx, id: string): Promise<LifecycleRule> {
  if (!UUID.test(id)) throw new NotFoundError("Lifecycle rule");
  const [row] = await ctx.db
    .select()
    .from(lifecycleRules)
    .where(and(eq(lifecycleRules.workspaceId, ctx.workspaceId), eq(lifecycleRules.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("Lifecycle rule");
  return row;
}

function summary(r: Partial<LifecycleRule>) {
  const { name, toStage, enabled, condition } = r;
  return { name, toStage, enabled, condition };
}

// ---------------------------------------------------------------- CRUD

export async function listLifecycleRules(ctx: Ctx): Promise<ListedLifecycleRule[]> {
  authorize(ctx, "contacts.read");
  const rows = await ctx.db
    .select()
    .from(lifecycleRules)
    .where(eq(lifecycleRules.workspaceId, ctx.workspaceId))
    .orderBy(asc(lifecycleRules.createdAt), asc(lifecycleRules.id));
  const compiled = await Promise.all(rows.map((r) => compileRule(ctx, r)));
  return rows.map((r, i) => {
    const c = compiled[i]!;
    return { ...r, problem: "problem" in c ? c.problem : null };
  });
}

/**
 * A stored condition compiled against the workspace as it is now. A custom field that changed type or a segment that
 * vanished makes it fail; that is reported as a problem (shown on the rules page, returned by a run), never thrown.
 */
async function compileRule(ctx: Ctx, rule: LifecycleRule): Promise<{ where: SQL } | { problem: string }> {
  const parsed = segmentRulesSchema.safeParse(rule.condition);
  if (!parsed.success) return { problem: describeProblem(fieldErrorsFromZodIssues(parsed.error.issues), "The condition is not valid.") };
  try {
    return { where: await compileWorkspaceRules(ctx, parsed.data) };
  } catch (e) {
    if (e instanceof ValidationError) return { problem: describeProblem(e.fieldErrors, e.message) };
    throw e;
  }
}

function describeProblem(fields: FieldErrors, fallback: string): string {
  return Object.values(fields)[0]?.[0] ?? fallback;
}

export async function getLifecycleRule(ctx: Ctx, id: string): Promise<LifecycleRule> {
  authorize(ctx, "contacts.read");
  return loadRule(ctx, id);
}

export async function createLifecycleRule(ctx: Ctx, raw: z.input<typeof createLifecycleRuleSchema>): Promise<LifecycleRule> {
  authorize(ctx, "crm.manage");
  const input = createLifecycleRuleSchema.parse(raw);
  const condition = await checkCondition(ctx, input.condition);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(lifecycleRules)
      .values({ workspaceId: ctx.workspaceId, name: input.name, condition, toStage: input.toStage, enabled: input.enabled })
      .returning();
    await recordAudit(tx, ctx, { action: "lifecycle_rule.create", entityType: "lifecycle_rule", entityId: row!.id, after: summary(row!) });
    return row!;
  });
}

export async function updateLifecycleRule(ctx: Ctx, raw: z.input<typeof updateLifecycleRuleSchema>): Promise<LifecycleRule> {
  authorize(ctx, "crm.manage");
  const { id, ...patch } = updateLifecycleRuleSchema.parse(raw);
  const before = await loadRule(ctx, id);
  const condition = patch.condition !== undefined ? await checkCondition(ctx, patch.condition) : undefined;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(lifecycleRules)
      .set({ ...patch, ...(condition ? { condition } : {}) })
      .where(and(eq(lifecycleRules.workspaceId, ctx.workspaceId), eq(lifecycleRules.id, id)))
      .returning();
    if (!row) throw new NotFoundError("Lifecycle rule");
    await recordAudit(tx, ctx, { action: "lifecycle_rule.update", entityType: "lifecycle_rule", entityId: id, before: summary(before), after: summary(row) });
    return row;
  });
}

export async function deleteLifecycleRule(ctx: Ctx, raw: z.input<typeof lifecycleRuleIdSchema>): Promise<{ id: string }> {
  authorize(ctx, "crm.manage");
  const { id } = lifecycleRuleIdSchema.parse(raw);
  const before = await loadRule(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(lifecycleRules).where(and(eq(lifecycleRules.workspaceId, ctx.workspaceId), eq(lifecycleRules.id, id)));
    await recordAudit(tx, ctx, { action: "lifecycle_rule.delete", entityType: "lifecycle_rule", entityId: id, before: summary(before) });
  });
  return { id };
}

/** "Run rules now": every enabled rule over every contact of the workspace. */
export async function runLifecycleRules(ctx: Ctx): Promise<RuleRunResult> {
  authorize(ctx, "crm.manage");
  return applyLifecycleRules(ctx);
}

// ---------------------------------------------------------------- applying

/** Stages a contact may be at for a rule to move it to `to`: strictly earlier in the funnel ("other"/"churned" never move). */
export function stagesBefore(to: string): LifecycleStage[] {
  const i = FORWARD_ORDER.indexOf(to as LifecycleStage);
  return i <= 0 ? [] : FORWARD_ORDER.slice(0, i);
}

/**
 * Applies the workspace's enabled rules to `contactIds` (or to every contact). Furthest target stage first, so when
 * several rules match a contact the furthest stage wins and the contact moves once. Each rule is ONE statement:
 * UPDATE … FROM (matching contacts) plus the history rows and timeline events, set-based, whatever the contact count.
 * No permission check: callers are engine writes that already authorised (contact edits, event ingestion, imports)
 * or `runLifecycleRules`. Runs on `ctx.db`, so inside the caller's transaction when given one.
 */
export async function applyLifecycleRules(ctx: Ctx, opts: { contactIds?: string[] } = {}): Promise<RuleRunResult> {
  const ids = opts.contactIds ? [...new Set(opts.contactIds)] : undefined;
  const result: RuleRunResult = { moved: 0, byRule: [], skipped: [] };
  if (ids && ids.length === 0) return result;
  const rules = await ctx.db
    .select()
    .from(lifecycleRules)
    .where(and(eq(lifecycleRules.workspaceId, ctx.workspaceId), eq(lifecycleRules.enabled, true)))
    .orderBy(asc(lifecycleRules.createdAt), asc(lifecycleRules.id));
  const ordered = rules
    .map((r) => ({ rule: r, rank: FORWARD_ORDER.indexOf(r.toStage as LifecycleStage) }))
    .filter((r) => r.rank > 0)
    .sort((a, b) => b.rank - a.rank);
  for (const { rule } of ordered) {
    // A rule whose condition no longer compiles is skipped, not fatal: one broken rule must not stop contact edits or
    // imports. The run reports it, and the rules page flags it.
    const compiled = await compileRule(ctx, rule);
    if ("problem" in compiled) {
      result.skipped.push({ ruleId: rule.id, name: rule.name, problem: compiled.problem });
      continue;
    }
    const moved = await moveMatching(ctx.db, ctx.workspaceId, rule, compiled.where, ids);
    if (moved > 0) {
      result.moved += moved;
      result.byRule.push({ ruleId: rule.id, name: rule.name, toStage: rule.toStage, moved });
      // The audit row names the rule as the actor; a user who triggered the run is kept in `after`.
      await ctx.db.insert(auditLog).values({
        workspaceId: ctx.workspaceId,
        actorUserId: null,
        actorLabel: ruleActorLabel(rule.name),
        action: "lifecycle_rule.apply",
        entityType: "lifecycle_rule",
        entityId: rule.id,
        after: { toStage: rule.toStage, moved, triggeredBy: ctx.actorLabel, scope: ids ? `${ids.length} contacts` : "all contacts" },
      });
    }
  }
  return result;
}

/**
 * After a contact's create or update, inside its transaction: applies the rules to that contact only and returns its
 * row as it now stands (with the stage a rule moved it to).
 */
export async function applyRulesAfterContactWrite(tx: DbOrTx, ctx: Ctx, row: Contact): Promise<Contact> {
  const { moved } = await applyLifecycleRules(withDb(ctx, tx), { contactIds: [row.id] });
  if (moved === 0) return row;
  const [now] = await tx.select().from(contacts).where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, row.id)));
  return now ?? row;
}

/** One statement: move the rule's matching contacts that sit earlier in the funnel, with history and timeline rows. */
async function moveMatching(db: DbOrTx, workspaceId: string, rule: LifecycleRule, where: SQL, ids?: string[]): Promise<number> {
  const from = stagesBefore(rule.toStage);
  if (from.length === 0) return 0;
  const actor = ruleActorLabel(rule.name);
  const only = ids ? sql`and seg_c.id = any(${sql.param(ids)}::uuid[])` : sql``;
  // The UPDATE re-checks the stage it read (c.lifecycle_stage = m.from_stage): a concurrent run that moved the contact
  // first makes this one skip it, so a contact never gets two history rows for one move.
  const res = await db.execute<{ moved: number }>(sql`
    with matching as (
      select seg_c.id, seg_c.lifecycle_stage as from_stage
        from contacts seg_c
       where ${where}
         and seg_c.lifecycle_stage = any(${sql.param(from)}::text[])
         ${only}
    ), moved as (
      update contacts c
         set lifecycle_stage = ${rule.toStage}, updated_at = now()
        from matching m
       where c.workspace_id = ${workspaceId} and c.id = m.id and c.lifecycle_stage = m.from_stage
      returning c.id, m.from_stage
    ), history as (
      insert into lifecycle_history (workspace_id, contact_id, from_stage, to_stage, actor_label, reason, rule_id)
      select ${workspaceId}, id, from_stage, ${rule.toStage}, ${actor}, ${rule.name}, ${rule.id}::uuid from moved
    ), timeline as (
      insert into contact_events (workspace_id, contact_id, type, occurred_at, properties)
      select ${workspaceId}, id, 'lifecycle_change', now(),
             jsonb_build_object('from', from_stage, 'to', ${rule.toStage}::text, 'reason', ${rule.name}::text, 'actor', ${actor}::text, 'ruleId', ${rule.id}::text)
        from moved
    )
    select count(*)::int as moved from moved`);
  return Number(res.rows[0]?.moved ?? 0);
}
