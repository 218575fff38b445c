// Words and small formatters for the AI page: task and provider-kind labels, request statuses, latencies and rates.
// Never invent tasks, kinds or statuses here: the lists come from the gateway's types and the URL parser map.
import type { AiTask, ProviderKind } from "@/lib/gateway/types";
import type { BadgeTone } from "@/components/ui/badge";
import type { AiRequestStatus } from "@/app/(app)/ai/search-params";

export const TASK_LABELS: Record<AiTask, string> = {
  copywriting: "Copywriting",
  subject_lines: "Subject lines",
  hashtags: "Hashtags",
  enrichment: "Enrichment",
  summarise: "Summarise",
  alt_text: "Alt text",
  chat: "Chat",
};

export const TASK_DESCRIPTIONS: Record<AiTask, string> = {
  copywriting: "Post and ad copy drafted from a brief.",
  subject_lines: "Email subject lines.",
  hashtags: "Hashtags for a post.",
  enrichment: "Company details guessed from a domain or name.",
  summarise: "Short summaries of long text.",
  alt_text: "Image descriptions for screen readers.",
  chat: "Free-form chat, and the REST chat-completions endpoint.",
};

export function taskLabel(task: string): string {
  return TASK_LABELS[task as AiTask] ?? task;
}

export const KIND_LABELS: Record<ProviderKind, string> = {
  openai: "OpenAI-compatible",
  anthropic: "Anthropic",
  gemini: "Google Gemini",
  offline: "Offline (templates)",
};

export function kindLabel(kind: string | null | undefined): string {
  if (!kind || kind === "none") return "No provider";
  return KIND_LABELS[kind as ProviderKind] ?? kind;
}

export const STATUS_LABELS: Record<AiRequestStatus, string> = {
  ok: "OK",
  error: "Error",
  budget_exceeded: "Budget exceeded",
  cancelled: "Cancelled",
};

export const STATUS_TONES: Record<AiRequestStatus, BadgeTone> = {
  ok: "success",
  error: "danger",
  budget_exceeded: "warning",
  cancelled: "neutral",
};

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function formatRate(rate: number): string {
  if (rate === 0) return "0%";
  if (rate < 0.001) return "<0.1%";
  return `${(rate * 100).toFixed(rate < 0.1 ? 1 : 0)}%`;
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat("en-US").format(n);
}

/** USD amounts typed by admins (budgets, prices) as the plain decimal string an input shows. */
export function microsToUsdInput(micros: number): string {
  const usd = micros / 1_000_000;
  return Number.isInteger(usd) ? String(usd) : String(Number(usd.toFixed(6)));
}

const AXIS_USD = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 0, maximumSignificantDigits: 3 });

/** A chart axis tick from micro-dollars: short and uniform ("$0.005", "$0.01", "$12"); tooltips and tables use formatMicros. */
export function formatUsdTick(micros: number): string {
  return AXIS_USD.format(micros / 1_000_000);
}

/** A log timestamp to the second, without the year ("Nov 29, 7:06:12 AM"), in the workspace's time zone. */
export function formatLogTime(at: string, timeZone: string): string {
  const opts: Intl.DateTimeFormatOptions = { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", second: "2-digit" };
  try {
    return new Intl.DateTimeFormat("en-US", { ...opts, timeZone }).format(new Date(at));
  } catch {
    return new Intl.DateTimeFormat("en-US", { ...opts, timeZone: "UTC" }).format(new Date(at));
  }
}
