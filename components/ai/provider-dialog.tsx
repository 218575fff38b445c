"use client";
// Adds or edits an AI provider in a dialog: name, kind, base URL (prefilled per kind), model, API key and extra headers.
// Never show a stored key or header value back: the key field is a password field that starts empty, and empty keeps the old one.
import { useRef, useState, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Dialog } from "radix-ui";
import { createProviderSchema, DEFAULT_BASE_URLS, updateProviderSchema } from "@/lib/gateway/schemas";
import { PROVIDER_KINDS, type ProviderKind } from "@/lib/gateway/types";
import { aiQueryKeys, queryKeys } from "@/lib/query-keys";
import { createAiProviderAction, updateAiProviderAction } from "@/app/(app)/ai/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input, NativeSelect, Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useActionForm, type ClientActionResult } from "@/components/ui/use-action-form";
import { KIND_LABELS } from "./ai-format";

/** What the dialog may know of an existing provider: never its key or header values. */
export interface EditableProvider {
  id: string;
  name: string;
  kind: ProviderKind;
  baseUrl: string;
  model: string;
  hasKey: boolean;
  apiKeyHint: string | null;
  headerNames: string[];
}

const FIELDS = ["name", "kind", "baseUrl", "model", "apiKey", "headers"] as const;

const MODEL_EXAMPLES: Record<ProviderKind, string> = {
  openai: "gpt-4o-mini",
  anthropic: "claude-3-5-haiku-latest",
  gemini: "gemini-2.0-flash",
  offline: "offline-templates-v1",
};

/** "Name: value" lines → a header map, or the line that could not be read. */
function parseHeaders(text: string): { ok: true; headers: Record<string, string> } | { ok: false; message: string } {
  const headers: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf(":");
    const name = at > 0 ? line.slice(0, at).trim() : "";
    if (!name || !/^[A-Za-z0-9-]+$/.test(name)) return { ok: false, message: `Write each header as “Name: value” (could not read “${line.slice(0, 30)}”).` };
    headers[name] = line.slice(at + 1).trim();
  }
  return { ok: true, headers };
}

export function ProviderDialog({ provider, trigger }: { provider?: EditableProvider; trigger: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-black/50" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 grid max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-xl -translate-x-1/2 -translate-y-1/2 gap-4 overflow-y-auto rounded-lg border border-border bg-card p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{provider ? `Edit “${provider.name}”` : "Add an AI provider"}</Dialog.Title>
          <Dialog.Description className="text-sm text-muted-foreground">
            {provider
              ? "Changes apply to the next call. A new API key replaces the stored one; leave the key empty to keep it."
              : "Keys are encrypted at rest and never shown again, not even to admins."}
          </Dialog.Description>
          {/* Mounted only while open, so every opening starts from the saved values and an empty key field. */}
          {open ? <ProviderForm provider={provider} onDone={() => setOpen(false)} /> : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function ProviderForm({ provider, onDone }: { provider?: EditableProvider; onDone: () => void }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const editing = Boolean(provider);
  const [v, setV] = useState(() => ({
    name: provider?.name ?? "",
    kind: provider?.kind ?? ("openai" as ProviderKind),
    baseUrl: provider?.baseUrl ?? DEFAULT_BASE_URLS.openai,
    model: provider?.model ?? "",
    apiKey: "",
    headers: "",
    enabled: true,
  }));
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((prev) => ({ ...prev, [k]: value }));

  const form = useActionForm({
    schema: editing ? updateProviderSchema : createProviderSchema,
    action: (editing ? updateAiProviderAction : createAiProviderAction) as (values: unknown) => Promise<ClientActionResult<{ name: string }>>,
    fields: FIELDS,
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: aiQueryKeys.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit.all });
      toast.success(editing ? `Provider “${saved.name}” saved.` : `Provider “${saved.name}” added.`);
      onDone();
    },
  });

  function changeKind(kind: ProviderKind) {
    setV((prev) => {
      // Follow the kind's default URL unless the admin typed their own.
      const untouched = prev.baseUrl.trim() === "" || prev.baseUrl === DEFAULT_BASE_URLS[prev.kind];
      const model = kind === "offline" && !prev.model.trim() ? MODEL_EXAMPLES.offline : prev.model;
      return { ...prev, kind, model, baseUrl: untouched ? DEFAULT_BASE_URLS[kind] : prev.baseUrl };
    });
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const offline = v.kind === "offline";
    const headers = parseHeaders(v.headers);
    const common = {
      name: v.name,
      model: v.model,
      baseUrl: offline || !v.baseUrl.trim() ? undefined : v.baseUrl,
      apiKey: offline || !v.apiKey.trim() ? undefined : v.apiKey,
    };
    const headerPatch = headers.ok && Object.keys(headers.headers).length ? { headers: headers.headers } : {};
    const payload = provider
      ? { id: provider.id, ...common, ...headerPatch }
      : { ...common, kind: v.kind, enabled: v.enabled, ...headerPatch };
    form.submit(payload, formRef.current, headers.ok ? {} : { headers: [headers.message] });
  }

  const offline = v.kind === "offline";
  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-4" aria-label={editing ? "Edit provider" : "Add provider"}>
      <FormError message={form.formError} />
      <Field id="provider-name" label="Name" hint="How people will recognise it, e.g. “OpenAI production”." error={form.errorFor("name")}>
        {(c) => <Input {...c} autoComplete="off" maxLength={60} value={v.name} onChange={(e) => set("name", e.target.value)} />}
      </Field>
      <Field
        id="provider-kind"
        label="Kind"
        hint={
          editing
            ? "The kind cannot change; add a new provider instead."
            : "“OpenAI-compatible” also covers Azure OpenAI, Mistral, Groq, Together, OpenRouter, Ollama, vLLM and LM Studio: give their base URL."
        }
        error={form.errorFor("kind")}
      >
        {(c) => (
          <NativeSelect {...c} value={v.kind} disabled={editing} onChange={(e) => changeKind(e.target.value as ProviderKind)}>
            {PROVIDER_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </NativeSelect>
        )}
      </Field>
      {offline ? (
        <p className="rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">
          An offline provider answers from templates, with no network and no key. Adding one lets you place it earlier in a chain; it is always the last
          resort anyway.
        </p>
      ) : (
        <Field id="provider-base-url" label="Base URL" hint="Prefilled with the vendor's public API; change it for a proxy or a self-hosted server." error={form.errorFor("baseUrl")}>
          {(c) => <Input {...c} type="url" inputMode="url" autoComplete="off" value={v.baseUrl} onChange={(e) => set("baseUrl", e.target.value)} />}
        </Field>
      )}
      <Field id="provider-model" label="Model" hint={`The model name the vendor expects, e.g. ${MODEL_EXAMPLES[v.kind]}.`} error={form.errorFor("model")}>
        {(c) => (
          <Input {...c} autoComplete="off" maxLength={120} placeholder={MODEL_EXAMPLES[v.kind]} value={v.model} onChange={(e) => set("model", e.target.value)} />
        )}
      </Field>
      {!offline ? (
        <Field
          id="provider-api-key"
          label={editing ? "New API key (optional)" : "API key"}
          hint={
            editing
              ? provider?.hasKey
                ? `Leave empty to keep the current key (ending in ${provider.apiKeyHint ?? "…"}). A new key replaces it.`
                : "No key is stored yet."
              : "Stored encrypted. Only its last four characters are kept in the clear, to tell keys apart."
          }
          error={form.errorFor("apiKey")}
        >
          {(c) => (
            <Input
              {...c}
              type="password"
              autoComplete="new-password"
              spellCheck={false}
              maxLength={500}
              value={v.apiKey}
              onChange={(e) => set("apiKey", e.target.value)}
            />
          )}
        </Field>
      ) : null}
      {!offline ? (
        <Field
          id="provider-headers"
          label="Extra headers (optional)"
          hint={
            editing && provider?.headerNames.length
              ? `One “Name: value” per line. Leave empty to keep the current ones (${provider.headerNames.join(", ")}); anything typed replaces them.`
              : "One “Name: value” per line, for hosts that need them (e.g. Azure's api-key, OpenRouter's HTTP-Referer)."
          }
          error={form.errorFor("headers")}
        >
          {(c) => (
            <Textarea {...c} rows={2} spellCheck={false} className="min-h-16 font-mono text-xs" value={v.headers} onChange={(e) => set("headers", e.target.value)} />
          )}
        </Field>
      ) : null}
      {!editing ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4 accent-primary" checked={v.enabled} onChange={(e) => set("enabled", e.target.checked)} />
          Enabled: use it in chains right away
        </label>
      ) : null}
      <div className="flex justify-end gap-2">
        <Dialog.Close asChild>
          <Button variant="outline">Cancel</Button>
        </Dialog.Close>
        <Button type="submit" pending={form.pending}>
          {editing ? "Save provider" : "Add provider"}
        </Button>
      </div>
    </form>
  );
}
