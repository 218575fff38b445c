// Inputs of the AI gateway: provider settings, chains, prices, budgets, playground runs, log filters, and the
// OpenAI-shaped chat-completions request. One zod schema each, shared by forms, actions, REST and OpenAPI.
import { z } from "zod";
import { AI_TASKS, PROVIDER_KINDS } from "./types";

export const aiTaskSchema = z.enum(AI_TASKS);
export const providerKindSchema = z.enum(PROVIDER_KINDS);

const httpUrl = z
  .string()
  .trim()
  .url("Use a full URL, e.g. https://api.openai.com/v1")
  .refine((u) => /^https?:\/\//.test(u), "Only http(s) URLs.")
  .transform((u) => u.replace(/\/+$/, ""));

export const DEFAULT_BASE_URLS: Record<(typeof PROVIDER_KINDS)[number], string> = {
  openai: "https://api.openai.com/v1",
  anthropic: "https://api.anthropic.com",
  gemini: "https://generativelanguage.googleapis.com",
  offline: "",
};

export const createProviderSchema = z
  .object({
    name: z.string().trim().min(2, "Use at least 2 characters.").max(60),
    kind: providerKindSchema,
    baseUrl: httpUrl.optional(),
    model: z.string().trim().min(1, "Name the model, e.g. gpt-4o-mini.").max(120),
    apiKey: z.string().trim().min(8, "That does not look like an API key.").max(500).optional(),
    headers: z.record(z.string().max(100), z.string().max(500)).default({}),
    enabled: z.boolean().default(true),
  })
  .refine((p) => p.kind === "offline" || !!p.apiKey, { message: "An API key is required for this provider.", path: ["apiKey"] });

export const updateProviderSchema = z.object({
  id: z.string().uuid("Not a provider id."),
  name: z.string().trim().min(2).max(60).optional(),
  baseUrl: httpUrl.optional(),
  model: z.string().trim().min(1).max(120).optional(),
  /** A new key replaces the stored one; omit to keep it. */
  apiKey: z.string().trim().min(8).max(500).optional(),
  headers: z.record(z.string().max(100), z.string().max(500)).optional(),
  enabled: z.boolean().optional(),
});

export const providerIdSchema = z.object({ id: z.string().uuid("Not a provider id.") });

export const chainLevelSchema = z.object({
  providers: z
    .array(z.object({ providerId: z.string().uuid(), weight: z.number().int().min(1).max(100).default(1) }))
    .min(1, "A level needs at least one provider."),
});

export const saveChainSchema = z
  .object({
    task: aiTaskSchema,
    levels: z.array(chainLevelSchema).max(6, "At most 6 levels."),
    attemptTimeoutMs: z.number().int().min(500).max(120_000).default(20_000),
    deadlineMs: z.number().int().min(1_000).max(300_000).default(45_000),
    maxRetries: z.number().int().min(0).max(5).default(2),
    cacheTtlSeconds: z.number().int().min(10).max(30 * 86_400).nullable().default(null),
  })
  .refine((c) => c.attemptTimeoutMs <= c.deadlineMs, { message: "The attempt timeout exceeds the deadline.", path: ["attemptTimeoutMs"] });

export const setPriceSchema = z.object({
  kind: providerKindSchema,
  model: z.string().trim().min(1).max(120),
  /** USD per million tokens, entered as decimals and stored in micro-dollars. */
  inputPerMTokUsd: z.coerce.number().min(0).max(10_000),
  outputPerMTokUsd: z.coerce.number().min(0).max(10_000),
});

/** Removes a workspace's price override, so the built-in list price (or zero) applies again. */
export const resetPriceSchema = z.object({
  kind: providerKindSchema,
  model: z.string().trim().min(1).max(120),
});

export const setBudgetSchema = z.object({
  /** Omit for the workspace budget; a campaign id for that campaign's own. */
  campaignId: z.string().uuid().nullable().default(null),
  /** USD per calendar month (UTC); null removes the budget. */
  monthlyLimitUsd: z.coerce.number().min(0).max(10_000_000).nullable(),
});

const messageSchema = z.object({
  role: z.enum(["system", "user", "assistant"]),
  content: z.string().max(200_000),
});

export const runTaskSchema = z.object({
  task: aiTaskSchema,
  messages: z.array(messageSchema).min(1, "Send at least one message.").max(100),
  input: z.record(z.string(), z.unknown()).optional(),
  campaignId: z.string().uuid().nullable().optional(),
  maxTokens: z.number().int().min(1).max(32_000).default(512),
  temperature: z.number().min(0).max(2).optional(),
  json: z.union([z.boolean(), z.object({ name: z.string().min(1).max(64), schema: z.record(z.string(), z.unknown()) })]).optional(),
});

export const listAiRequestsSchema = z.object({
  task: aiTaskSchema.optional(),
  status: z.enum(["ok", "error", "budget_exceeded", "cancelled"]).optional(),
  providerId: z.string().uuid().optional(),
  campaignId: z.string().uuid().optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** POST /api/v1/ai/chat/completions: the OpenAI request shape (the subset the gateway honours). */
export const chatCompletionsSchema = z.object({
  model: z.string().min(1).max(120).default("aicmo/chat"),
  messages: z
    .array(
      z.object({
        role: z.enum(["system", "user", "assistant", "developer"]),
        content: z.union([z.string(), z.array(z.object({ type: z.literal("text"), text: z.string() }))]),
      }),
    )
    .min(1),
  max_tokens: z.number().int().min(1).max(32_000).optional(),
  max_completion_tokens: z.number().int().min(1).max(32_000).optional(),
  temperature: z.number().min(0).max(2).optional(),
  stream: z.boolean().default(false),
  response_format: z
    .union([
      z.object({ type: z.literal("text") }),
      z.object({ type: z.literal("json_object") }),
      z.object({ type: z.literal("json_schema"), json_schema: z.object({ name: z.string(), schema: z.record(z.string(), z.unknown()) }) }),
    ])
    .optional(),
  /** AICMO extension: charge the call to a campaign. */
  campaign_id: z.string().uuid().optional(),
  /** AICMO extension: pick the task chain (defaults to `chat`). */
  task: aiTaskSchema.optional(),
});

export type RunTaskInput = z.input<typeof runTaskSchema>;
