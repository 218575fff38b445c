"use client";
// The per-task chain editor: ordered levels of weighted peer providers, timeouts, retries and cache TTL, saved through saveAiChainAction.
// Never drop the offline provider from view: it is the implicit final level of every chain, whatever is saved.
import { useRef, useState } from "react";
import { useQueryStates } from "nuqs";
import { useQueryClient } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, Layers, Plus, RotateCcw, Trash, X } from "lucide-react";
import { saveChainSchema } from "@/lib/gateway/schemas";
import { AI_TASKS, type AiTask } from "@/lib/gateway/types";
import type { FieldErrors } from "@/lib/errors";
import { aiQueryKeys, queryKeys } from "@/lib/query-keys";
import { saveAiChainAction } from "@/app/(app)/ai/actions";
import { aiSearchParams } from "@/app/(app)/ai/search-params";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input, NativeSelect } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useActionForm, type ClientActionResult } from "@/components/ui/use-action-form";
import { kindLabel, TASK_DESCRIPTIONS, TASK_LABELS } from "./ai-format";
import { OfflineNote } from "./offline-note";

export interface ChainProviderOption {
  id: string;
  name: string;
  kind: string;
  model: string;
  enabled: boolean;
}

export interface ChainViewData {
  task: AiTask;
  levels: { providers: { providerId: string; weight: number }[] }[];
  attemptTimeoutMs: number;
  deadlineMs: number;
  maxRetries: number;
  cacheTtlSeconds: number | null;
  isDefault: boolean;
}

const FIELDS = ["levels", "attemptTimeoutMs", "deadlineMs", "maxRetries", "cacheTtlSeconds"] as const;
const MAX_LEVELS = 6;

export function ChainEditor({ chains, providers, canManage }: { chains: ChainViewData[]; providers: ChainProviderOption[]; canManage: boolean }) {
  const [{ chain: task }, setParams] = useQueryStates({ chain: aiSearchParams.chain });
  const chain = chains.find((c) => c.task === task) ?? chains[0];
  return (
    <div className="grid grid-cols-1 gap-6 md:grid-cols-[13rem_minmax(0,1fr)]">
      <nav aria-label="Tasks">
        <ul className="flex gap-1 overflow-x-auto md:flex-col">
          {AI_TASKS.map((t) => {
            const c = chains.find((x) => x.task === t);
            const active = t === task;
            return (
              <li key={t}>
                <button
                  type="button"
                  aria-current={active ? "true" : undefined}
                  onClick={() => void setParams({ chain: t })}
                  className={cn(
                    "flex w-full flex-col items-start rounded-md px-3 py-2 text-left text-sm whitespace-nowrap",
                    "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring",
                    active ? "bg-primary/10 text-primary" : "text-muted-foreground hover:bg-muted hover:text-foreground",
                  )}
                >
                  <span className="font-medium">{TASK_LABELS[t]}</span>
                  <span className="text-xs">{c?.isDefault ? "Default chain" : `Custom · ${c?.levels.length ?? 0} level${c?.levels.length === 1 ? "" : "s"}`}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
      {chain ? <ChainForm key={`${chain.task}:${JSON.stringify(chain)}`} chain={chain} providers={providers} canManage={canManage} /> : null}
    </div>
  );
}

interface DraftLevel {
  key: number;
  providers: { key: number; providerId: string; weight: string }[];
}

function ChainForm({ chain, providers, canManage }: { chain: ChainViewData; providers: ChainProviderOption[]; canManage: boolean }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  // Saved rows get keys from their position; rows added later count up from far above them.
  const nextKey = useRef(100_000);
  const newKey = () => ++nextKey.current;
  const [levels, setLevels] = useState<DraftLevel[]>(() =>
    chain.levels.map((l, i) => ({
      key: i + 1,
      providers: l.providers.map((p, j) => ({ key: (i + 1) * 1000 + j, providerId: p.providerId, weight: String(p.weight) })),
    })),
  );
  const [settings, setSettings] = useState(() => ({
    attemptTimeoutMs: String(chain.attemptTimeoutMs),
    deadlineMs: String(chain.deadlineMs),
    maxRetries: String(chain.maxRetries),
    cacheOn: chain.cacheTtlSeconds !== null,
    cacheTtlSeconds: String(chain.cacheTtlSeconds ?? 3600),
  }));
  const [announcement, setAnnouncement] = useState("");
  const byId = new Map(providers.map((p) => [p.id, p]));
  const used = new Set(levels.flatMap((l) => l.providers.map((p) => p.providerId)));
  const unused = providers.filter((p) => !used.has(p.id));
  const hasOfflineLevel = levels.some((l) => l.providers.some((p) => byId.get(p.providerId)?.kind === "offline"));

  const form = useActionForm({
    schema: saveChainSchema,
    action: saveAiChainAction as (values: unknown) => Promise<ClientActionResult<ChainViewData>>,
    fields: FIELDS,
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: aiQueryKeys.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit.all });
      toast.success(saved.levels.length ? `Chain for ${TASK_LABELS[chain.task]} saved.` : `${TASK_LABELS[chain.task]} now uses the default chain order.`);
    },
  });

  function focusSoon(id: string, fallbackId?: string) {
    requestAnimationFrame(() => {
      const el = document.getElementById(id) as HTMLButtonElement | null;
      if (el && !el.disabled) el.focus();
      else if (fallbackId) document.getElementById(fallbackId)?.focus();
    });
  }

  function moveLevel(index: number, by: -1 | 1) {
    const to = index + by;
    if (to < 0 || to >= levels.length) return;
    const moved = levels[index]!;
    const next = [...levels];
    next.splice(index, 1);
    next.splice(to, 0, moved);
    setLevels(next);
    setAnnouncement(`Level moved to position ${to + 1} of ${levels.length}.`);
    const dir = by < 0 ? "up" : "down";
    focusSoon(`level-${moved.key}-${dir}`, `level-${moved.key}-${dir === "up" ? "down" : "up"}`);
  }

  function removeLevel(index: number) {
    const neighbour = levels[index + 1] ?? levels[index - 1];
    setLevels(levels.filter((_, i) => i !== index));
    setAnnouncement(`Level ${index + 1} removed.`);
    // Keep keyboard users in the list: the next level's remove button, else the "Add level" button, else the heading.
    focusSoon(neighbour ? `level-${neighbour.key}-remove` : "chain-add-level", "levels-heading");
  }

  function addLevel() {
    const first = unused[0];
    if (!first) return;
    const level = { key: newKey(), providers: [{ key: newKey(), providerId: first.id, weight: "1" }] };
    setLevels([...levels, level]);
    setAnnouncement(`Level ${levels.length + 1} added with ${first.name}.`);
    requestAnimationFrame(() => document.getElementById(`peer-${level.providers[0]!.key}-provider`)?.focus());
  }

  function updateLevel(index: number, fn: (l: DraftLevel) => DraftLevel | null) {
    setLevels((all) => all.flatMap((l, i) => (i === index ? (fn(l) ?? []) : [l])));
  }

  function addPeer(index: number, providerId: string) {
    const peer = { key: newKey(), providerId, weight: "1" };
    updateLevel(index, (l) => ({ ...l, providers: [...l.providers, peer] }));
    setAnnouncement(`${byId.get(providerId)?.name ?? "Provider"} added to level ${index + 1}.`);
  }

  function validate(): FieldErrors {
    const errors: FieldErrors = {};
    const int = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s) : NaN);
    if (levels.some((l) => l.providers.some((p) => !(int(p.weight) >= 1 && int(p.weight) <= 100)))) {
      errors.levels = ["Each weight is a whole number from 1 to 100."];
    }
    const timeout = int(settings.attemptTimeoutMs);
    const deadline = int(settings.deadlineMs);
    if (!(timeout >= 500 && timeout <= 120_000)) errors.attemptTimeoutMs = ["Use 500 to 120,000 milliseconds."];
    else if (deadline >= 1000 && timeout > deadline) errors.attemptTimeoutMs = ["The attempt timeout cannot exceed the deadline."];
    if (!(deadline >= 1000 && deadline <= 300_000)) errors.deadlineMs = ["Use 1,000 to 300,000 milliseconds."];
    const retries = int(settings.maxRetries);
    if (!(retries >= 0 && retries <= 5)) errors.maxRetries = ["Use 0 to 5 retries."];
    const ttl = int(settings.cacheTtlSeconds);
    if (settings.cacheOn && !(ttl >= 10 && ttl <= 30 * 86_400)) errors.cacheTtlSeconds = ["Use 10 seconds to 30 days (2,592,000 seconds)."];
    return errors;
  }

  function payload(levelsToSave: DraftLevel[]) {
    return {
      task: chain.task,
      levels: levelsToSave.map((l) => ({ providers: l.providers.map((p) => ({ providerId: p.providerId, weight: Number(p.weight) })) })),
      attemptTimeoutMs: Number(settings.attemptTimeoutMs),
      deadlineMs: Number(settings.deadlineMs),
      maxRetries: Number(settings.maxRetries),
      cacheTtlSeconds: settings.cacheOn ? Number(settings.cacheTtlSeconds) : null,
    };
  }

  const readOnly = !canManage;
  return (
    <Card aria-labelledby="chain-heading">
      <CardHeader
        titleId="chain-heading"
        title={
          <span className="flex flex-wrap items-center gap-2">
            {TASK_LABELS[chain.task]}
            {chain.isDefault ? <Badge tone="info">Default chain</Badge> : <Badge tone="success">Custom chain</Badge>}
          </span>
        }
        description={TASK_DESCRIPTIONS[chain.task]}
      />
      <CardBody>
        <form
          ref={formRef}
          noValidate
          aria-label={`Chain for ${TASK_LABELS[chain.task]}`}
          className="grid gap-5"
          onSubmit={(e) => {
            e.preventDefault();
            form.submit(payload(levels), formRef.current, validate());
          }}
        >
          <p role="status" className="sr-only">
            {announcement}
          </p>
          <FormError message={form.formError ?? form.errorFor("levels")} />
          {chain.isDefault ? (
            <p className="rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">
              No chain is saved for this task, so it uses the default: every enabled provider, one level each, in the order they were added, then the
              offline provider.{canManage ? " Saving turns this into a custom chain." : ""}
            </p>
          ) : null}

          <section aria-labelledby="levels-heading" className="grid gap-3">
            <h3 id="levels-heading" tabIndex={-1} className="text-sm font-semibold focus:outline-none">
              Levels, tried in order
            </h3>
            {providers.length === 0 ? (
              <EmptyState
                icon={<Layers aria-hidden />}
                title="No providers to chain yet"
                description="Add a provider on the Overview tab first. Until then this task answers from the offline provider."
              />
            ) : null}
            <ol className="grid gap-3">
              {levels.map((level, i) => (
                <li key={level.key} className="rounded-lg border border-border p-3" aria-label={`Level ${i + 1}`}>
                  <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
                    <div>
                      <span className="text-sm font-semibold">Level {i + 1}</span>
                      <span className="ml-2 text-xs text-muted-foreground">
                        {i === 0 ? "Tried first" : `Tried when level ${i} fails`}
                        {level.providers.length > 1 ? " · peers share the load by weight" : ""}
                      </span>
                    </div>
                    {!readOnly ? (
                      <div className="flex gap-1">
                        <Button
                          id={`level-${level.key}-up`}
                          variant="ghost"
                          size="icon"
                          disabled={i === 0}
                          aria-label={`Move level ${i + 1} up`}
                          onClick={() => moveLevel(i, -1)}
                        >
                          <ArrowUp aria-hidden className="size-4" />
                        </Button>
                        <Button
                          id={`level-${level.key}-down`}
                          variant="ghost"
                          size="icon"
                          disabled={i === levels.length - 1}
                          aria-label={`Move level ${i + 1} down`}
                          onClick={() => moveLevel(i, 1)}
                        >
                          <ArrowDown aria-hidden className="size-4" />
                        </Button>
                        <Button id={`level-${level.key}-remove`} variant="ghost" size="icon" aria-label={`Remove level ${i + 1}`} onClick={() => removeLevel(i)}>
                          <Trash aria-hidden className="size-4" />
                        </Button>
                      </div>
                    ) : null}
                  </div>
                  <ul className="grid gap-2">
                    {level.providers.map((peer) => {
                      const p = byId.get(peer.providerId);
                      const options = providers.filter((o) => o.id === peer.providerId || !used.has(o.id));
                      return (
                        <li
                          key={peer.key}
                          className={readOnly ? "flex flex-wrap items-center gap-2" : "grid grid-cols-[minmax(0,1fr)_5rem_auto] items-end gap-2"}
                        >
                          {readOnly ? (
                            <div className="min-w-0 flex-1 text-sm">
                              <span className="font-medium">{p?.name ?? "A deleted provider"}</span>
                              {p ? <span className="ml-2 text-xs text-muted-foreground">{kindLabel(p.kind)} · {p.model}</span> : null}
                              <span className="ml-2 text-xs text-muted-foreground">weight {peer.weight}</span>
                            </div>
                          ) : (
                            <>
                              <div className="grid min-w-0 gap-1">
                                <label htmlFor={`peer-${peer.key}-provider`} className="text-xs font-medium text-muted-foreground">
                                  Provider
                                </label>
                                <NativeSelect
                                  id={`peer-${peer.key}-provider`}
                                  value={peer.providerId}
                                  onChange={(e) =>
                                    updateLevel(i, (l) => ({
                                      ...l,
                                      providers: l.providers.map((x) => (x.key === peer.key ? { ...x, providerId: e.target.value } : x)),
                                    }))
                                  }
                                >
                                  {!p ? <option value={peer.providerId}>A deleted provider</option> : null}
                                  {options.map((o) => (
                                    <option key={o.id} value={o.id}>
                                      {o.name} ({kindLabel(o.kind)} · {o.model}){o.enabled ? "" : " — disabled"}
                                    </option>
                                  ))}
                                </NativeSelect>
                              </div>
                              <div className="grid gap-1">
                                <label htmlFor={`peer-${peer.key}-weight`} className="text-xs font-medium text-muted-foreground">
                                  Weight
                                </label>
                                <Input
                                  id={`peer-${peer.key}-weight`}
                                  type="number"
                                  inputMode="numeric"
                                  min={1}
                                  max={100}
                                  step={1}
                                  value={peer.weight}
                                  onChange={(e) =>
                                    updateLevel(i, (l) => ({
                                      ...l,
                                      providers: l.providers.map((x) => (x.key === peer.key ? { ...x, weight: e.target.value } : x)),
                                    }))
                                  }
                                />
                              </div>
                              <Button
                                variant="ghost"
                                size="icon"
                                aria-label={`Remove ${p?.name ?? "this provider"} from level ${i + 1}`}
                                onClick={() => {
                                  updateLevel(i, (l) => {
                                    const rest = l.providers.filter((x) => x.key !== peer.key);
                                    return rest.length ? { ...l, providers: rest } : null;
                                  });
                                  setAnnouncement(
                                    level.providers.length === 1 ? `Level ${i + 1} removed: it had no other provider.` : `Provider removed from level ${i + 1}.`,
                                  );
                                }}
                              >
                                <X aria-hidden className="size-4" />
                              </Button>
                            </>
                          )}
                          {p && !p.enabled ? (
                            <span className={readOnly ? undefined : "col-span-3"}>
                              <Badge tone="warning">Disabled: skipped</Badge>
                            </span>
                          ) : null}
                        </li>
                      );
                    })}
                  </ul>
                  {!readOnly && unused.length > 0 ? <AddPeer levelIndex={i} levelKey={level.key} options={unused} onAdd={(id) => addPeer(i, id)} /> : null}
                </li>
              ))}
              {!hasOfflineLevel ? (
                <li className="rounded-lg border border-dashed border-border p-3 text-sm" aria-label="Final level: offline provider">
                  <span className="font-semibold">{levels.length ? `Level ${levels.length + 1}` : "Level 1"}</span>
                  <span className="ml-2 text-xs text-muted-foreground">always last</span>
                  <p className="mt-1">
                    Offline (built in) <Badge className="ml-1">Templated, not a model</Badge>
                  </p>
                  <p className="mt-1 text-xs text-muted-foreground">Implicit: it cannot be removed, and it answers when everything above fails.</p>
                </li>
              ) : null}
            </ol>
            {!readOnly && levels.length > 0 && unused.length === 0 ? (
              <p className="text-xs text-muted-foreground">
                Every provider is already in this chain. To make two providers peers, remove one from its level, then add it to the other.
              </p>
            ) : null}
            {!readOnly && providers.length > 0 ? (
              <div>
                <Button id="chain-add-level" variant="outline" size="sm" disabled={levels.length >= MAX_LEVELS || unused.length === 0} onClick={addLevel}>
                  <Plus aria-hidden className="size-4" />
                  Add level
                </Button>
                {levels.length >= MAX_LEVELS ? <span className="ml-2 text-xs text-muted-foreground">At most {MAX_LEVELS} levels.</span> : null}
              </div>
            ) : null}
          </section>

          <section aria-labelledby="limits-heading" className="grid gap-3">
            <h3 id="limits-heading" className="text-sm font-semibold">
              Timeouts, retries and cache
            </h3>
            {readOnly ? (
              <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
                <dt className="text-muted-foreground">Attempt timeout</dt>
                <dd className="tabular-nums">{chain.attemptTimeoutMs.toLocaleString("en-US")} ms</dd>
                <dt className="text-muted-foreground">Deadline</dt>
                <dd className="tabular-nums">{chain.deadlineMs.toLocaleString("en-US")} ms</dd>
                <dt className="text-muted-foreground">Max retries</dt>
                <dd className="tabular-nums">{chain.maxRetries}</dd>
                <dt className="text-muted-foreground">Cache</dt>
                <dd>{chain.cacheTtlSeconds === null ? "Off" : `${chain.cacheTtlSeconds.toLocaleString("en-US")} s`}</dd>
              </dl>
            ) : (
              <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
                <Field id="chain-timeout" label="Attempt timeout (ms)" hint="Per call, 500–120,000." error={form.errorFor("attemptTimeoutMs")}>
                  {(c) => (
                    <Input
                      {...c}
                      type="number"
                      inputMode="numeric"
                      min={500}
                      max={120000}
                      step={100}
                      value={settings.attemptTimeoutMs}
                      onChange={(e) => setSettings({ ...settings, attemptTimeoutMs: e.target.value })}
                    />
                  )}
                </Field>
                <Field id="chain-deadline" label="Deadline (ms)" hint="Whole request, 1,000–300,000." error={form.errorFor("deadlineMs")}>
                  {(c) => (
                    <Input
                      {...c}
                      type="number"
                      inputMode="numeric"
                      min={1000}
                      max={300000}
                      step={1000}
                      value={settings.deadlineMs}
                      onChange={(e) => setSettings({ ...settings, deadlineMs: e.target.value })}
                    />
                  )}
                </Field>
                <Field id="chain-retries" label="Max retries" hint="0–5, on the last real provider." error={form.errorFor("maxRetries")}>
                  {(c) => (
                    <Input
                      {...c}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={5}
                      step={1}
                      value={settings.maxRetries}
                      onChange={(e) => setSettings({ ...settings, maxRetries: e.target.value })}
                    />
                  )}
                </Field>
                <div className="grid content-start gap-1.5">
                  <label className="flex items-center gap-2 text-sm font-medium">
                    <input
                      type="checkbox"
                      className="size-4 accent-primary"
                      checked={settings.cacheOn}
                      onChange={(e) => setSettings({ ...settings, cacheOn: e.target.checked })}
                    />
                    Cache identical requests
                  </label>
                  {settings.cacheOn ? (
                    <Field id="chain-cache-ttl" label="Cache TTL (seconds)" error={form.errorFor("cacheTtlSeconds")}>
                      {(c) => (
                        <Input
                          {...c}
                          type="number"
                          inputMode="numeric"
                          min={10}
                          max={2592000}
                          value={settings.cacheTtlSeconds}
                          onChange={(e) => setSettings({ ...settings, cacheTtlSeconds: e.target.value })}
                        />
                      )}
                    </Field>
                  ) : (
                    <p className="text-xs text-muted-foreground">Off: every request calls a provider.</p>
                  )}
                </div>
              </div>
            )}
          </section>

          {!readOnly ? (
            <div className="flex flex-wrap items-center gap-2">
              <Button type="submit" pending={form.pending}>
                Save chain
              </Button>
              {!chain.isDefault ? (
                <ConfirmDialog
                  trigger={
                    <Button variant="ghost">
                      <RotateCcw aria-hidden className="size-4" />
                      Use the default order
                    </Button>
                  }
                  title={`Reset the ${TASK_LABELS[chain.task]} chain?`}
                  description="The saved levels are cleared and the task goes back to every enabled provider in the order added, then offline. Timeouts, retries and cache stay as they are."
                  confirmLabel="Reset chain"
                  onConfirm={async () => {
                    const res = await saveAiChainAction(payload([]));
                    if (!res.ok) return res.message;
                    void queryClient.invalidateQueries({ queryKey: queryKeys.audit.all });
                    toast.success(`${TASK_LABELS[chain.task]} now uses the default chain order.`);
                    return null;
                  }}
                />
              ) : null}
            </div>
          ) : (
            <p className="text-sm text-muted-foreground">Only admins can change chains.</p>
          )}
          <OfflineNote />
        </form>
      </CardBody>
    </Card>
  );
}

function AddPeer({ levelIndex, levelKey, options, onAdd }: { levelIndex: number; levelKey: number; options: ChainProviderOption[]; onAdd: (id: string) => void }) {
  const [choice, setChoice] = useState("");
  const id = `level-${levelKey}-add`;
  const selected = options.some((o) => o.id === choice) ? choice : (options[0]?.id ?? "");
  return (
    <div className="mt-3 flex flex-wrap items-end gap-2 border-t border-border pt-3">
      <div className="grid min-w-48 flex-1 gap-1">
        <label htmlFor={id} className="text-xs font-medium text-muted-foreground">
          Add a peer to level {levelIndex + 1}
        </label>
        <NativeSelect id={id} value={selected} onChange={(e) => setChoice(e.target.value)}>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name} ({kindLabel(o.kind)} · {o.model})
            </option>
          ))}
        </NativeSelect>
      </div>
      <Button variant="outline" size="sm" className="h-10" onClick={() => selected && onAdd(selected)}>
        <Plus aria-hidden className="size-4" />
        Add to level {levelIndex + 1}
      </Button>
    </div>
  );
}
