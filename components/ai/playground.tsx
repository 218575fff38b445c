"use client";
// The AI playground: run one task through the workspace's real chain and see the answer, who answered, cost, and every attempt.
// Never fake an answer or hide which provider gave it: an offline answer is labelled as templated, and failures show their code.
import Link from "next/link";
import { useRef, useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Play } from "lucide-react";
import type { GatewayAnswer } from "@/lib/gateway/gateway";
import { formatMicros } from "@/lib/gateway/pricing";
import { AI_TASKS, type AiTask } from "@/lib/gateway/types";
import type { FieldErrors } from "@/lib/errors";
import { runAiTaskAction } from "@/app/(app)/ai/actions";
import type { CampaignOption } from "@/app/(app)/ai/picker-options";
import { serializeAiSearchParams } from "@/app/(app)/ai/search-params";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { formatCount, formatMs, kindLabel, TASK_DESCRIPTIONS, TASK_LABELS } from "./ai-format";
import { aiQueryKeys } from "@/lib/query-keys";
import { AttemptsList } from "./attempts-list";
import { RunFailure, type RunError } from "./run-failure";

function prettyAnswer(text: string, json: boolean): string {
  if (!json) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function Playground({ campaigns }: { campaigns: CampaignOption[] }) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const [pending, startTransition] = useTransition();
  const [v, setV] = useState({ task: "copywriting" as AiTask, campaignId: "", system: "", prompt: "", maxTokens: "512", json: false });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<RunError | null>(null);
  const [answer, setAnswer] = useState<{ data: GatewayAnswer; json: boolean } | null>(null);
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((prev) => ({ ...prev, [k]: value }));

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const local: FieldErrors = {};
    if (!v.prompt.trim()) local.prompt = ["Write a prompt to run."];
    const maxTokens = /^\d+$/.test(v.maxTokens.trim()) ? Number(v.maxTokens) : NaN;
    if (!(maxTokens >= 1 && maxTokens <= 32_000)) local.maxTokens = ["Use a whole number from 1 to 32,000."];
    setErrors(local);
    if (Object.keys(local).length) {
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setFailure(null);
    startTransition(async () => {
      try {
        const res = await runAiTaskAction({
          task: v.task,
          campaignId: v.campaignId || null,
          messages: [...(v.system.trim() ? [{ role: "system" as const, content: v.system }] : []), { role: "user" as const, content: v.prompt }],
          maxTokens,
          ...(v.json ? { json: true } : {}),
        });
        // Every run, answered or not, is a new row in the request log.
        void queryClient.invalidateQueries({ queryKey: aiQueryKeys.all });
        if (!res.ok) {
          setAnswer(null);
          setFailure({ code: res.code, message: res.message, fieldErrors: res.fieldErrors, attempts: "attempts" in res ? res.attempts : undefined });
          return;
        }
        setAnswer({ data: res.data, json: v.json });
        requestAnimationFrame(() => resultRef.current?.focus());
      } catch {
        setFailure({ code: "NETWORK", message: "The server could not be reached. Check your connection and try again." });
      }
    });
  }

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      <Card aria-labelledby="playground-heading">
        <CardHeader titleId="playground-heading" title="Run a task" description="Runs through this workspace's real chain, budgets and log, like any AI feature." />
        <CardBody>
          <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-4" aria-label="Playground">
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="pg-task" label="Task" hint={TASK_DESCRIPTIONS[v.task]}>
                {(c) => (
                  <NativeSelect {...c} value={v.task} onChange={(e) => set("task", e.target.value as AiTask)}>
                    {AI_TASKS.map((t) => (
                      <option key={t} value={t}>
                        {TASK_LABELS[t]}
                      </option>
                    ))}
                  </NativeSelect>
                )}
              </Field>
              <Field id="pg-campaign" label="Campaign (optional)" hint="Charges the cost to this campaign and its budget.">
                {(c) => (
                  <NativeSelect {...c} value={v.campaignId} onChange={(e) => set("campaignId", e.target.value)}>
                    <option value="">No campaign</option>
                    {campaigns.map((c2) => (
                      <option key={c2.id} value={c2.id}>
                        {c2.name}
                      </option>
                    ))}
                  </NativeSelect>
                )}
              </Field>
            </div>
            <Field id="pg-system" label="System message (optional)" hint="Instructions that frame the answer, e.g. tone or format.">
              {(c) => <Textarea {...c} rows={2} className="min-h-16" maxLength={20_000} value={v.system} onChange={(e) => set("system", e.target.value)} />}
            </Field>
            <Field id="pg-prompt" label="Prompt" error={errors.prompt?.[0]}>
              {(c) => (
                <Textarea
                  {...c}
                  rows={5}
                  maxLength={100_000}
                  placeholder="e.g. Launch post for our spring running-shoe sale, for LinkedIn and X"
                  value={v.prompt}
                  onChange={(e) => set("prompt", e.target.value)}
                />
              )}
            </Field>
            <div className="grid gap-4 sm:grid-cols-2 sm:items-end">
              <Field id="pg-max-tokens" label="Max tokens" hint="1–32,000. Budgets reserve the worst case up front." error={errors.maxTokens?.[0]}>
                {(c) => (
                  <Input {...c} type="number" inputMode="numeric" min={1} max={32000} value={v.maxTokens} onChange={(e) => set("maxTokens", e.target.value)} />
                )}
              </Field>
              <label className="flex h-10 items-center gap-2 text-sm font-medium sm:mb-5">
                <input type="checkbox" className="size-4 accent-primary" checked={v.json} onChange={(e) => set("json", e.target.checked)} />
                JSON mode
              </label>
            </div>
            <div>
              <Button type="submit" pending={pending}>
                {pending ? null : <Play aria-hidden className="size-4" />}
                Run
              </Button>
            </div>
          </form>
        </CardBody>
      </Card>

      <div className="grid content-start gap-4">
        {failure ? <RunFailure failure={failure} /> : null}
        {answer ? <AnswerCard answer={answer.data} json={answer.json} headingRef={resultRef} /> : null}
        {!answer && !failure ? (
          <div className="rounded-lg border border-dashed border-border px-6 py-10 text-center text-sm text-muted-foreground">
            The answer, the provider that gave it, its cost and every attempt appear here.
          </div>
        ) : null}
      </div>
    </div>
  );
}

function AnswerCard({ answer: a, json, headingRef }: { answer: GatewayAnswer; json: boolean; headingRef: React.RefObject<HTMLHeadingElement | null> }) {
  const stats: Array<[string, React.ReactNode]> = [
    [
      "Answered by",
      <span key="p">
        {a.providerName} <span className="text-muted-foreground">· {kindLabel(a.providerKind)} · </span>
        <span className="font-mono text-xs">{a.model}</span>
      </span>,
    ],
    ["Tokens", `${formatCount(a.usage.inputTokens)} in / ${formatCount(a.usage.outputTokens)} out`],
    ["Cost", formatMicros(a.costMicros)],
    ["Latency", formatMs(a.latencyMs)],
    ["Cache", a.cacheHit ? "Hit: served from the cache" : "Miss"],
  ];
  return (
    <Card aria-labelledby="pg-answer">
      <div className="flex flex-wrap items-center gap-2 border-b border-border px-4 py-3 sm:px-5">
        <h2 id="pg-answer" ref={headingRef} tabIndex={-1} className="text-base font-semibold focus:outline-none">
          Answer
        </h2>
        {a.offline ? <Badge tone="warning">Offline provider — templated, not a model</Badge> : null}
        {a.cacheHit ? <Badge tone="info">Cache hit</Badge> : null}
      </div>
      <CardBody className="grid gap-4">
        <div className="max-h-96 overflow-auto rounded-md bg-muted/60 px-3 py-2 text-sm whitespace-pre-wrap break-words" data-testid="playground-answer">
          {json ? <code className="font-mono text-xs">{prettyAnswer(a.text, json)}</code> : a.text || <span className="text-muted-foreground">(empty answer)</span>}
        </div>
        <dl className="grid gap-x-4 gap-y-1.5 text-sm sm:grid-cols-[8rem_1fr]">
          {stats.map(([k, val]) => (
            <div key={k} className="contents">
              <dt className="text-muted-foreground">{k}</dt>
              <dd className="tabular-nums">{val}</dd>
            </div>
          ))}
        </dl>
        <section aria-labelledby="pg-attempts" className="grid gap-2">
          <h3 id="pg-attempts" className="text-sm font-semibold">
            Attempts ({a.attempts.length})
          </h3>
          <AttemptsList attempts={a.attempts} label="Attempts of this run" />
        </section>
        <p className="text-xs text-muted-foreground">
          Request <span className="font-mono" data-testid="request-id">{a.requestId}</span> ·{" "}
          <Link className="font-medium text-primary underline underline-offset-2" href={serializeAiSearchParams("/ai", { tab: "log" })}>
            Open the request log
          </Link>
        </p>
      </CardBody>
    </Card>
  );
}
