"use client";
// Creating or editing one lifecycle rule: its name, the target stage, and the condition built with the segment rule builder.
// Never offer "subscriber" or a side stage as a target: rules only move contacts forward in the funnel.
import { useState, useTransition } from "react";
import type { RuleGroup } from "@/lib/crm/segments/rules";
import { RULE_TARGET_STAGES } from "@/lib/crm/schemas";
import { STAGE_LABELS } from "@/lib/crm/stages";
import { createLifecycleRuleAction, updateLifecycleRuleAction } from "@/app/(app)/crm/rules/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input, NativeSelect } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { RuleBuilderContext, type RuleBuilderOptions } from "./rule-builder-context";
import { RuleGroupEditor } from "./rule-group-editor";
import { SegmentLiveCount } from "./segment-live-count";

export interface EditableLifecycleRule {
  id: string;
  name: string;
  condition: unknown;
  toStage: string;
  enabled: boolean;
  /** Why the stored condition no longer compiles (the rule is then skipped when rules run); null when it does. */
  problem?: string | null;
}

const EMPTY: RuleGroup = { type: "group", op: "and", rules: [{ type: "field", field: "score", operator: "gte", value: 60 }] };

function asGroup(v: unknown): RuleGroup {
  return v && typeof v === "object" && (v as { type?: unknown }).type === "group" ? (v as RuleGroup) : EMPTY;
}

export function LifecycleRulesEditor({
  rule,
  options,
  onSaved,
  onCancel,
}: {
  rule?: EditableLifecycleRule;
  options: RuleBuilderOptions;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const toast = useToast();
  const [name, setName] = useState(rule?.name ?? "");
  const [toStage, setToStage] = useState(rule?.toStage ?? "mql");
  const [condition, setCondition] = useState<RuleGroup>(asGroup(rule?.condition));
  const [errors, setErrors] = useState<{ name?: string; toStage?: string; form?: string[] }>({});
  const [pending, startTransition] = useTransition();

  function save() {
    if (!name.trim()) return setErrors({ name: "Name the rule." });
    setErrors({});
    startTransition(async () => {
      try {
        const body = { name, toStage, condition };
        const res = rule ? await updateLifecycleRuleAction({ id: rule.id, ...body }) : await createLifecycleRuleAction({ ...body, enabled: true });
        if (!res.ok) {
          const fe = res.fieldErrors ?? {};
          const others = Object.entries(fe)
            .filter(([k]) => k !== "name" && k !== "toStage")
            .flatMap(([, m]) => m);
          return setErrors({ name: fe.name?.[0], toStage: fe.toStage?.[0], form: others.length ? others : fe.name || fe.toStage ? undefined : [res.message] });
        }
        toast.success(rule ? "Rule saved." : `Rule “${res.data.name}” created. It applies from now on; use “Run now” for existing contacts.`);
        onSaved();
      } catch {
        setErrors({ form: ["The server could not be reached. Check your connection and try again."] });
      }
    });
  }

  return (
    <RuleBuilderContext.Provider value={options}>
      <div className="grid gap-4">
        <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_12rem]">
          <Field id="rule-name" label="Name" error={errors.name}>
            {(c) => <Input {...c} maxLength={120} value={name} placeholder="e.g. Engaged leads become MQL" onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field id="rule-stage" label="Move to stage" error={errors.toStage}>
            {(c) => (
              <NativeSelect {...c} value={toStage} onChange={(e) => setToStage(e.target.value)}>
                {RULE_TARGET_STAGES.map((s) => (
                  <option key={s} value={s}>
                    {STAGE_LABELS[s]}
                  </option>
                ))}
              </NativeSelect>
            )}
          </Field>
        </div>
        <div className="grid gap-3 lg:grid-cols-[minmax(0,1fr)_14rem] lg:items-start">
          <fieldset className="min-w-0">
            <legend className="mb-2 text-sm font-medium">When a contact matches</legend>
            <RuleGroupEditor group={condition} onChange={setCondition} />
          </fieldset>
          <div className="grid gap-2">
            <SegmentLiveCount rules={condition} />
            <p className="text-xs text-muted-foreground">Contacts already at {STAGE_LABELS[toStage as keyof typeof STAGE_LABELS] ?? toStage} or further stay where they are.</p>
          </div>
        </div>
        {errors.form?.length ? <FormError message={errors.form.join(" ")} /> : null}
        <div className="flex justify-end gap-2">
          <Button variant="outline" onClick={onCancel}>
            Cancel
          </Button>
          <Button onClick={save} pending={pending}>
            {rule ? "Save rule" : "Create rule"}
          </Button>
        </div>
      </div>
    </RuleBuilderContext.Provider>
  );
}
