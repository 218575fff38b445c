"use server";
// Server actions for lifecycle rules: list, create, update (incl. enable/disable), delete and "Run rules now".
// Never decide permissions here: runAction validates with the engine's schema and the engine authorises the caller's role.
import { revalidatePath } from "next/cache";
import type { LifecycleRule, ListedLifecycleRule, RuleRunResult } from "@/lib/crm/lifecycle-rules";
import { runAction, type ActionResult } from "@/lib/http/action";
import {
  createLifecycleRule,
  deleteLifecycleRule,
  listLifecycleRules,
  runLifecycleRules,
  updateLifecycleRule,
} from "@/lib/crm";
import {
  createLifecycleRuleSchema,
  lifecycleRuleIdSchema,
  listLifecycleRulesSchema,
  runLifecycleRulesSchema,
  updateLifecycleRuleSchema,
} from "@/lib/crm/schemas";

function revalidateRules() {
  revalidatePath("/crm/rules");
}

export async function listLifecycleRulesAction(raw: unknown): Promise<ActionResult<ListedLifecycleRule[]>> {
  return runAction(listLifecycleRulesSchema, raw ?? {}, (ctx) => listLifecycleRules(ctx));
}

export async function createLifecycleRuleAction(raw: unknown): Promise<ActionResult<LifecycleRule>> {
  const res = await runAction(createLifecycleRuleSchema, raw, (ctx, input) => createLifecycleRule(ctx, input));
  if (res.ok) revalidateRules();
  return res;
}

export async function updateLifecycleRuleAction(raw: unknown): Promise<ActionResult<LifecycleRule>> {
  const res = await runAction(updateLifecycleRuleSchema, raw, (ctx, input) => updateLifecycleRule(ctx, input));
  if (res.ok) revalidateRules();
  return res;
}

export async function deleteLifecycleRuleAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  const res = await runAction(lifecycleRuleIdSchema, raw, (ctx, input) => deleteLifecycleRule(ctx, input));
  if (res.ok) revalidateRules();
  return res;
}

export async function runLifecycleRulesAction(raw: unknown): Promise<ActionResult<RuleRunResult>> {
  const res = await runAction(runLifecycleRulesSchema, raw ?? {}, (ctx) => runLifecycleRules(ctx));
  if (res.ok) revalidatePath("/crm", "layout");
  return res;
}
