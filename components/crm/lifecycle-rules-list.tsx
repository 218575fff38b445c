"use client";
// The workspace's lifecycle rules: what each matches, the stage it moves contacts to, an enable switch, edit and delete
// (with confirmation), and "Run now". Never hide the controls' refusals: a failed toggle or delete says why.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { ArrowRight, CircleAlert, Pencil, Plus, Trash, Workflow } from "lucide-react";
import type { RuleGroup, RuleNode } from "@/lib/crm/segments/rules";
import { deleteLifecycleRuleAction, updateLifecycleRuleAction } from "@/app/(app)/crm/rules/actions";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import { CrmDialog } from "./crm-dialog";
import { LifecycleRulesEditor, type EditableLifecycleRule } from "./lifecycle-rules-editor";
import { LifecycleRulesRunButton } from "./lifecycle-rules-run-button";
import type { RuleBuilderOptions } from "./rule-builder-context";
import { EVENT_LABELS, OPERATOR_LABELS } from "./segment-rule-labels";
import { StageBadge } from "./stage-badge";

function describeNode(node: RuleNode, fieldLabel: (k: string) => string): string {
  switch (node.type) {
    case "group":
      return node.rules.length ? `(${node.rules.map((n) => describeNode(n, fieldLabel)).join(node.op === "and" ? " and " : " or ")})` : "everyone";
    case "field": {
      const v = node.value === undefined || node.value === null ? "" : ` ${Array.isArray(node.value) ? node.value.join(", ") : String(node.value)}`;
      return `${fieldLabel(node.field)} ${OPERATOR_LABELS[node.operator] ?? node.operator}${v}${node.operator.includes("within_last_days") ? " days" : ""}`;
    }
    case "event": {
      const what = EVENT_LABELS[node.eventType] ?? node.eventType;
      const when = node.withinDays ? ` in the last ${node.withinDays} days` : "";
      return node.occurred.op === "none" ? `never ${what}${when}` : `${what}${(node.occurred.count ?? 1) > 1 ? ` ${node.occurred.count}+ times` : ""}${when}`;
    }
    case "segment":
      return node.op === "in" ? "in a segment" : "not in a segment";
  }
}

/** One line saying what a rule matches, in the builder's words. */
export function describeRuleCondition(condition: unknown, options: RuleBuilderOptions): string {
  const root = condition as RuleGroup | null;
  if (!root || root.type !== "group") return "An invalid condition (edit the rule)";
  const label = (k: string) => options.fields.find((f) => f.key === k)?.label ?? k;
  if (root.rules.length === 0) return "Every contact";
  const text = root.rules.map((n) => describeNode(n, label)).join(root.op === "and" ? " and " : " or ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function EnabledSwitch({ rule, disabled }: { rule: EditableLifecycleRule; disabled: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [on, setOn] = useState(rule.enabled);
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      aria-label={`Rule “${rule.name}” enabled`}
      disabled={disabled || pending}
      onClick={() =>
        startTransition(async () => {
          const next = !on;
          setOn(next);
          const res = await updateLifecycleRuleAction({ id: rule.id, enabled: next }).catch(() => null);
          if (!res?.ok) {
            setOn(!next);
            toast.error(res ? res.message : "The server could not be reached. Try again.");
            return;
          }
          toast.success(next ? `“${rule.name}” is on.` : `“${rule.name}” is off.`);
          router.refresh();
        })
      }
      className="inline-flex items-center gap-2 rounded text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring disabled:opacity-60"
    >
      <span className={`relative inline-flex h-5 w-9 items-center rounded-full transition-colors ${on ? "bg-primary" : "bg-muted-foreground/40"}`}>
        <span className={`inline-block size-4 rounded-full bg-background shadow transition-transform ${on ? "translate-x-4" : "translate-x-0.5"}`} />
      </span>
      <span className="text-muted-foreground">{on ? "On" : "Off"}</span>
    </button>
  );
}

export function LifecycleRulesList({ rules, options, canManage }: { rules: EditableLifecycleRule[]; options: RuleBuilderOptions; canManage: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [editing, setEditing] = useState<EditableLifecycleRule | "new" | null>(null);
  const close = () => setEditing(null);
  const saved = () => {
    setEditing(null);
    router.refresh();
  };

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        {canManage ? <LifecycleRulesRunButton disabled={!rules.some((r) => r.enabled)} /> : <p className="text-sm text-muted-foreground">Managers and admins edit rules.</p>}
        {canManage ? (
          <Button onClick={() => setEditing("new")}>
            <Plus aria-hidden className="size-4" />
            New rule
          </Button>
        ) : null}
      </div>

      {rules.length === 0 ? (
        <EmptyState
          icon={<Workflow aria-hidden />}
          title="No lifecycle rules yet"
          description="A rule moves matching contacts forward automatically, for example “score is at least 60 → MQL”. Rules run when a contact changes, when events arrive, after imports, and when you click “Run now”."
        />
      ) : (
        <ul className="grid gap-3" aria-label="Lifecycle rules">
          {rules.map((rule) => (
            <li key={rule.id}>
              <Card aria-labelledby={`rule-${rule.id}`}>
                <CardHeader
                  titleId={`rule-${rule.id}`}
                  title={rule.name}
                  actions={
                    <>
                      <EnabledSwitch rule={rule} disabled={!canManage} />
                      {canManage ? (
                        <>
                          <Button variant="ghost" size="sm" onClick={() => setEditing(rule)} aria-label={`Edit rule “${rule.name}”`}>
                            <Pencil aria-hidden className="size-4" />
                            Edit
                          </Button>
                          <ConfirmDialog
                            trigger={
                              <Button variant="ghost" size="sm" aria-label={`Delete rule “${rule.name}”`}>
                                <Trash aria-hidden className="size-4" />
                                Delete
                              </Button>
                            }
                            title={`Delete “${rule.name}”?`}
                            description="The rule stops moving contacts. Moves it already made stay, with their history."
                            confirmLabel="Delete rule"
                            onConfirm={async () => {
                              const res = await deleteLifecycleRuleAction({ id: rule.id });
                              if (!res.ok) return res.message;
                              toast.success(`Rule “${rule.name}” deleted.`);
                              router.refresh();
                              return null;
                            }}
                          />
                        </>
                      ) : null}
                    </>
                  }
                />
                <CardBody className="grid gap-2 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="min-w-0 break-words">{describeRuleCondition(rule.condition, options)}</span>
                    <ArrowRight aria-label="moves to" className="size-4 text-muted-foreground" />
                    <StageBadge stage={rule.toStage} />
                  </div>
                  {rule.problem ? (
                    <p role="alert" className="flex items-start gap-2 rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-danger">
                      <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
                      <span>
                        This rule is skipped when rules run: {rule.problem} {canManage ? "Edit its condition to fix it." : "Ask a manager to fix it."}
                      </span>
                    </p>
                  ) : null}
                </CardBody>
              </Card>
            </li>
          ))}
        </ul>
      )}

      <CrmDialog
        open={editing !== null}
        onOpenChange={(o) => (o ? null : close())}
        title={editing === "new" ? "New lifecycle rule" : "Edit lifecycle rule"}
        description="Contacts matching the condition move to the stage, forward only."
        wide
      >
        {editing !== null ? (
          <LifecycleRulesEditor rule={editing === "new" ? undefined : editing} options={options} onSaved={saved} onCancel={close} />
        ) : null}
      </CrmDialog>
    </div>
  );
}
