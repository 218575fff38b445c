"use server";
// Server actions for the AI page: providers, chains, prices and budgets for admins, playground runs, and request-log pages.
// Never decide permissions or touch provider keys here: runAction validates and the gateway engine authorises and seals keys.
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/http/action";
import type { AttemptRecord } from "@/db/schema";
import {
  AiUnavailableError,
  complete,
  createProvider,
  createProviderSchema,
  deleteProvider,
  listAiRequests,
  listAiRequestsSchema,
  providerIdSchema,
  resetPrice,
  resetPriceSchema,
  runTaskSchema,
  saveChain,
  saveChainSchema,
  setBudget,
  setBudgetSchema,
  setPrice,
  setPriceSchema,
  updateProvider,
  updateProviderSchema,
  type AiRequestPage,
  type ChainView,
  type GatewayAnswer,
  type ProviderView,
} from "@/lib/gateway";

// Provider views carry extra-header values (they may hold a secret, e.g. Azure's api-key); only their names leave here.
type ProviderSaved = Omit<ProviderView, "headers"> & { headerNames: string[] };

function withoutHeaderValues({ headers, ...rest }: ProviderView): ProviderSaved {
  return { ...rest, headerNames: Object.keys(headers ?? {}) };
}

function revalidateAi() {
  revalidatePath("/ai");
}

export async function listAiRequestsAction(raw: unknown): Promise<ActionResult<AiRequestPage>> {
  return runAction(listAiRequestsSchema, raw, (ctx, input) => listAiRequests(ctx, input));
}

/** A playground run: the answer, or the failure, which lists every attempt (keys redacted) when no provider could answer. */
export type RunAiTaskResult = ActionResult<GatewayAnswer> | (Extract<ActionResult<GatewayAnswer>, { ok: false }> & { attempts: AttemptRecord[] });

export async function runAiTaskAction(raw: unknown): Promise<RunAiTaskResult> {
  let attempts: AttemptRecord[] | undefined;
  const res = await runAction(runTaskSchema, raw, (ctx, input) =>
    complete(ctx, input).catch((e: unknown) => {
      if (e instanceof AiUnavailableError) attempts = e.attempts;
      throw e;
    }),
  );
  return !res.ok && attempts ? { ...res, attempts } : res;
}

export async function createAiProviderAction(raw: unknown): Promise<ActionResult<ProviderSaved>> {
  const res = await runAction(createProviderSchema, raw, async (ctx, input) => withoutHeaderValues(await createProvider(ctx, input)));
  if (res.ok) revalidateAi();
  return res;
}

export async function updateAiProviderAction(raw: unknown): Promise<ActionResult<ProviderSaved>> {
  const res = await runAction(updateProviderSchema, raw, async (ctx, input) => withoutHeaderValues(await updateProvider(ctx, input)));
  if (res.ok) revalidateAi();
  return res;
}

export async function deleteAiProviderAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  const res = await runAction(providerIdSchema, raw, (ctx, { id }) => deleteProvider(ctx, id));
  if (res.ok) revalidateAi();
  return res;
}

export async function saveAiChainAction(raw: unknown): Promise<ActionResult<ChainView>> {
  const res = await runAction(saveChainSchema, raw, (ctx, input) => saveChain(ctx, input));
  if (res.ok) revalidateAi();
  return res;
}

export async function setAiBudgetAction(raw: unknown): Promise<ActionResult<{ scope: string; monthlyLimitUsd: number | null }>> {
  const res = await runAction(setBudgetSchema, raw, (ctx, input) => setBudget(ctx, input));
  if (res.ok) revalidateAi();
  return res;
}

export async function setAiPriceAction(raw: unknown): Promise<ActionResult<{ kind: string; model: string }>> {
  const res = await runAction(setPriceSchema, raw, async (ctx, input) => {
    const saved = await setPrice(ctx, input);
    return { kind: saved.kind, model: saved.model };
  });
  if (res.ok) revalidateAi();
  return res;
}

export async function resetAiPriceAction(raw: unknown): Promise<ActionResult<{ kind: string; model: string; removed: boolean }>> {
  const res = await runAction(resetPriceSchema, raw, (ctx, input) => resetPrice(ctx, input));
  if (res.ok) revalidateAi();
  return res;
}
