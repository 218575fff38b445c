"use client";
// The token price table (USD per million tokens) used to cost every call: built-in defaults plus this workspace's overrides, editable by admins.
// Never compute a cost here: the engine prices calls; this only shows and edits the table, with overrides marked as such.
import { useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Pencil, Plus, RotateCcw } from "lucide-react";
import { setPriceSchema } from "@/lib/gateway/schemas";
import { formatMicros } from "@/lib/gateway/pricing";
import { PROVIDER_KINDS, type ProviderKind } from "@/lib/gateway/types";
import { aiQueryKeys, queryKeys } from "@/lib/query-keys";
import { resetAiPriceAction, setAiPriceAction } from "@/app/(app)/ai/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input, NativeSelect } from "@/components/ui/input";
import { TableFrame, Td, Th, Tr } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { useActionForm } from "@/components/ui/use-action-form";
import { kindLabel, microsToUsdInput } from "./ai-format";

export interface PriceView {
  kind: string;
  model: string;
  inputPerMTokMicros: number;
  outputPerMTokMicros: number;
  source: "workspace" | "default";
}

const FIELDS = ["kind", "model", "inputPerMTokUsd", "outputPerMTokUsd"] as const;

function perMTok(micros: number): string {
  // Prices are whole cents per million tokens in practice; show two decimals unless the table holds finer ones.
  const usd = micros / 1_000_000;
  return micros % 10_000 === 0 ? `$${usd.toFixed(2)}` : formatMicros(micros);
}

function PriceForm({ price, onDone, idPrefix }: { price?: PriceView; onDone: () => void; idPrefix: string }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [v, setV] = useState({
    kind: (price?.kind as ProviderKind) ?? "openai",
    model: price?.model ?? "",
    inputPerMTokUsd: price ? microsToUsdInput(price.inputPerMTokMicros) : "",
    outputPerMTokUsd: price ? microsToUsdInput(price.outputPerMTokMicros) : "",
  });
  const form = useActionForm({
    schema: setPriceSchema,
    action: setAiPriceAction,
    fields: FIELDS,
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: aiQueryKeys.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.audit.all });
      toast.success(`Price for ${kindLabel(saved.kind)} ${saved.model} saved.`);
      onDone();
    },
  });
  const editing = Boolean(price);
  /** "2.50" or "$1,000" → a plain decimal string, or null when it is not an amount. */
  const amount = (s: string): string | null => {
    const cleaned = s.replace(/[\s,$]/g, "");
    return /^\d+(\.\d+)?$/.test(cleaned) ? cleaned : null;
  };
  return (
    <form
      ref={formRef}
      noValidate
      aria-label={editing ? `Edit the price of ${price?.model}` : "Add a price"}
      className="grid gap-3 sm:grid-cols-[10rem_minmax(0,1fr)_9rem_9rem_auto] sm:items-start"
      onSubmit={(e) => {
        e.preventDefault();
        const input = amount(v.inputPerMTokUsd);
        const output = amount(v.outputPerMTokUsd);
        const extra: Record<string, string[]> = {};
        if (input === null) extra.inputPerMTokUsd = ["Enter USD per million tokens, e.g. 2.50."];
        if (output === null) extra.outputPerMTokUsd = ["Enter USD per million tokens, e.g. 10."];
        form.submit({ kind: v.kind, model: v.model, inputPerMTokUsd: input ?? "", outputPerMTokUsd: output ?? "" }, formRef.current, extra);
      }}
    >
      <div className="sm:col-span-5">
        <FormError message={form.formError} />
      </div>
      <Field id={`${idPrefix}-kind`} label="Kind" error={form.errorFor("kind")}>
        {(c) => (
          <NativeSelect {...c} value={v.kind} disabled={editing} onChange={(e) => setV({ ...v, kind: e.target.value as ProviderKind })}>
            {PROVIDER_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </NativeSelect>
        )}
      </Field>
      <Field id={`${idPrefix}-model`} label="Model" error={form.errorFor("model")}>
        {(c) => <Input {...c} autoComplete="off" readOnly={editing} maxLength={120} value={v.model} onChange={(e) => setV({ ...v, model: e.target.value })} />}
      </Field>
      <Field id={`${idPrefix}-in`} label="Input $/MTok" error={form.errorFor("inputPerMTokUsd")}>
        {(c) => <Input {...c} inputMode="decimal" autoComplete="off" value={v.inputPerMTokUsd} onChange={(e) => setV({ ...v, inputPerMTokUsd: e.target.value })} />}
      </Field>
      <Field id={`${idPrefix}-out`} label="Output $/MTok" error={form.errorFor("outputPerMTokUsd")}>
        {(c) => <Input {...c} inputMode="decimal" autoComplete="off" value={v.outputPerMTokUsd} onChange={(e) => setV({ ...v, outputPerMTokUsd: e.target.value })} />}
      </Field>
      <div className="flex gap-2 sm:pt-6.5">
        <Button type="submit" pending={form.pending}>
          Save
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** Removes this workspace's override after a confirmation; the built-in list price (or zero) applies to later calls. */
function ResetPriceButton({ price }: { price: PriceView }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Reset the price of ${price.model} to the built-in default`}>
          <RotateCcw aria-hidden className="size-4" />
          <span className="hidden sm:inline">Reset</span>
        </Button>
      }
      title={`Reset the price of ${price.model}?`}
      description="Calls from now on are costed at the built-in list price for this model (zero if there is none). Calls already made keep their cost."
      confirmLabel="Reset price"
      onConfirm={async () => {
        const res = await resetAiPriceAction({ kind: price.kind, model: price.model });
        if (!res.ok) return res.message;
        void queryClient.invalidateQueries({ queryKey: aiQueryKeys.all });
        void queryClient.invalidateQueries({ queryKey: queryKeys.audit.all });
        toast.success(`Price for ${kindLabel(price.kind)} ${price.model} reset to the default.`);
        return null;
      }}
    />
  );
}

export function PricesTable({ prices, canManage }: { prices: PriceView[]; canManage: boolean }) {
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const overrides = prices.filter((p) => p.source === "workspace").length;
  return (
    <Card aria-labelledby="ai-prices">
      <CardHeader
        titleId="ai-prices"
        title="Token prices"
        description={`USD per million tokens, used to cost every call and to reserve budget. ${overrides ? `${overrides} set by this workspace; the rest are built-in list prices.` : "All are built-in list prices; check them against your contract."}`}
        actions={
          canManage && !adding ? (
            <Button size="sm" variant="outline" onClick={() => setAdding(true)}>
              <Plus aria-hidden className="size-4" />
              Add a price
            </Button>
          ) : null
        }
      />
      <CardBody className="grid grid-cols-1 gap-4">
        {adding ? (
          <div className="rounded-lg border border-border p-4">
            <PriceForm idPrefix="price-new" onDone={() => setAdding(false)} />
          </div>
        ) : null}
        <TableFrame label="Token prices">
          <thead>
            <tr>
              <Th>Kind</Th>
              <Th>Model</Th>
              <Th className="text-right">Input</Th>
              <Th className="text-right">Output</Th>
              <Th>Source</Th>
              {canManage ? (
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {prices.map((p) => {
              const key = `${p.kind}:${p.model}`;
              if (editing === key) {
                return (
                  <tr key={key}>
                    <td colSpan={canManage ? 6 : 5} className="border-b border-border bg-muted/20 px-4 py-3">
                      <PriceForm price={p} idPrefix={`price-${key.replace(/[^a-z0-9]+/gi, "-")}`} onDone={() => setEditing(null)} />
                    </td>
                  </tr>
                );
              }
              return (
                <Tr key={key}>
                  <Td className="whitespace-nowrap">{kindLabel(p.kind)}</Td>
                  <Td className="font-mono text-xs">{p.model}</Td>
                  <Td className="text-right tabular-nums">{perMTok(p.inputPerMTokMicros)}</Td>
                  <Td className="text-right tabular-nums">{perMTok(p.outputPerMTokMicros)}</Td>
                  <Td>{p.source === "workspace" ? <Badge tone="info">Workspace override</Badge> : <Badge>Built-in default</Badge>}</Td>
                  {canManage ? (
                    <Td className="text-right">
                      <div className="flex justify-end gap-1">
                        <Button variant="ghost" size="sm" aria-label={`Edit the price of ${p.model}`} onClick={() => setEditing(key)}>
                          <Pencil aria-hidden className="size-4" />
                          <span className="hidden sm:inline">Edit</span>
                        </Button>
                        {p.source === "workspace" ? <ResetPriceButton price={p} /> : null}
                      </div>
                    </Td>
                  ) : null}
                </Tr>
              );
            })}
          </tbody>
        </TableFrame>
      </CardBody>
    </Card>
  );
}
