// Why a playground run failed: the error's title, code and message, field errors, a link to the request log, and, when
// no provider could answer, every attempt (provider, model, HTTP status, the provider's message, latency).
// Never hide an attempt; the messages arrive with every key already redacted by the gateway.
import Link from "next/link";
import type { AttemptRecord } from "@/db/schema";
import type { FieldErrors } from "@/lib/errors";
import { serializeAiSearchParams } from "@/app/(app)/ai/search-params";
import { AttemptsList } from "./attempts-list";

export interface RunError {
  code: string;
  message: string;
  fieldErrors?: FieldErrors;
  /** When no provider could answer: what each one did. */
  attempts?: AttemptRecord[];
}

const ERROR_TITLES: Record<string, string> = {
  BUDGET_EXCEEDED: "Budget exceeded",
  AI_PROVIDERS_FAILED: "No provider could answer",
  VALIDATION_FAILED: "Check the request",
  FORBIDDEN: "Not allowed",
  CAMPAIGN_NOT_FOUND: "Campaign not found",
  SESSION_EXPIRED: "Session expired",
};

export function RunFailure({ failure }: { failure: RunError }) {
  const fieldErrorList = failure.fieldErrors ? Object.entries(failure.fieldErrors).flatMap(([k, msgs]) => msgs.map((m) => `${k === "_" ? "" : `${k}: `}${m}`)) : [];
  return (
    <>
      <div role="alert" className="grid gap-2 rounded-lg border border-danger/40 bg-danger/5 p-4 text-sm">
        <p className="font-semibold text-danger">
          {ERROR_TITLES[failure.code] ?? "The run failed"} <span className="font-mono text-xs font-normal">({failure.code})</span>
        </p>
        <p>{failure.message}</p>
        {fieldErrorList.length ? (
          <ul className="list-disc pl-5 text-muted-foreground">
            {fieldErrorList.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : null}
        {failure.code === "AI_PROVIDERS_FAILED" || failure.code === "BUDGET_EXCEEDED" ? (
          <p>
            <Link
              className="font-medium text-primary underline underline-offset-2"
              href={serializeAiSearchParams("/ai", { tab: "log", status: failure.code === "BUDGET_EXCEEDED" ? "budget_exceeded" : "error" })}
            >
              See it in the request log
            </Link>
            {failure.code === "BUDGET_EXCEEDED" ? " · an admin can raise the limit under Budgets & prices." : ", with every attempt."}
          </p>
        ) : null}
      </div>
      {failure.attempts?.length ? (
        // Beside the alert rather than in it, so that a screen reader announces the failure, not the whole list.
        <section aria-labelledby="pg-failed-attempts" className="grid gap-2 rounded-lg border border-border p-4">
          <h2 id="pg-failed-attempts" className="text-sm font-semibold">
            Attempts of this run ({failure.attempts.length})
          </h2>
          <AttemptsList attempts={failure.attempts} label="Attempts of this failed run" />
        </section>
      ) : null}
    </>
  );
}
