"use client";
// A group of segment rules joined by AND ("all of") or OR ("any of"), holding conditions and nested groups, up to the depth limit.
// Never mutate the tree: every edit returns a new group, so the live count sees each change.
import { Plus, X } from "lucide-react";
import type { RuleCondition, RuleGroup, RuleNode } from "@/lib/crm/segments/rules";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { CompactSelect } from "./compact-controls";
import { useRuleBuilder } from "./rule-builder-context";
import { RuleConditionEditor } from "./rule-condition-editor";
import { defaultValueFor } from "./segment-rule-labels";

export function RuleGroupEditor({
  group,
  onChange,
  onRemove,
  depth = 1,
}: {
  group: RuleGroup;
  onChange: (g: RuleGroup) => void;
  /** Absent for the root group, which cannot be removed. */
  onRemove?: () => void;
  depth?: number;
}) {
  const { fields, segments, maxDepth, maxConditions } = useRuleBuilder();
  const setChild = (i: number, node: RuleNode) => onChange({ ...group, rules: group.rules.map((r, j) => (j === i ? node : r)) });
  const removeChild = (i: number) => onChange({ ...group, rules: group.rules.filter((_, j) => j !== i) });
  const add = (node: RuleNode) => onChange({ ...group, rules: [...group.rules, node] });
  const full = group.rules.length >= maxConditions;

  function newFieldCondition(): RuleCondition {
    const f = fields.find((x) => x.key === "email") ?? fields[0];
    if (!f) return { type: "field", field: "custom.", operator: "eq", value: "" };
    const op = f.operators.includes("contains") ? "contains" : f.operators[0]!;
    return { type: "field", field: f.key, operator: op, value: defaultValueFor(f.type, op) };
  }

  const joiner = group.op === "and" ? "and" : "or";

  return (
    <div
      role="group"
      aria-label={depth === 1 ? "Segment rules" : `Nested group, level ${depth}`}
      className={cn("grid gap-3 rounded-lg border p-3", depth === 1 ? "border-border bg-card" : "border-primary/30 bg-primary/[0.03]")}
    >
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span>Contacts matching</span>
        <CompactSelect aria-label="Match all or any" value={group.op} onChange={(e) => onChange({ ...group, op: e.target.value as "and" | "or" })}>
          <option value="and">all</option>
          <option value="or">any</option>
        </CompactSelect>
        <span>of these {depth === 1 ? "rules" : "conditions"}</span>
        {onRemove ? (
          <button
            type="button"
            onClick={onRemove}
            aria-label="Remove this group"
            className="ml-auto rounded p-1 text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
          >
            <X aria-hidden className="size-4" />
          </button>
        ) : null}
      </div>
      {group.rules.length ? (
        <ol className="grid gap-2">
          {group.rules.map((node, i) => (
            <li key={i} className="grid gap-2">
              {i > 0 ? <span className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">{joiner}</span> : null}
              {node.type === "group" ? (
                depth < maxDepth ? (
                  <RuleGroupEditor group={node} depth={depth + 1} onChange={(g) => setChild(i, g)} onRemove={() => removeChild(i)} />
                ) : null
              ) : (
                <div className="rounded-md border border-border bg-background px-3 py-2">
                  <RuleConditionEditor node={node} onChange={(n) => setChild(i, n)} onRemove={() => removeChild(i)} />
                </div>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-muted-foreground">{depth === 1 ? "No rules yet: every contact matches. Add a condition." : "An empty group matches everyone."}</p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" size="sm" disabled={full} onClick={() => add(newFieldCondition())}>
          <Plus aria-hidden className="size-4" />
          Property
        </Button>
        <Button variant="outline" size="sm" disabled={full} onClick={() => add({ type: "event", eventType: "email_click", occurred: { op: "at_least", count: 1 } })}>
          <Plus aria-hidden className="size-4" />
          Activity
        </Button>
        {segments.length ? (
          <Button variant="outline" size="sm" disabled={full} onClick={() => add({ type: "segment", op: "in", segmentId: segments[0]!.id })}>
            <Plus aria-hidden className="size-4" />
            Segment membership
          </Button>
        ) : null}
        {depth < maxDepth ? (
          <Button variant="ghost" size="sm" disabled={full} onClick={() => add({ type: "group", op: group.op === "and" ? "or" : "and", rules: [newFieldCondition()] })}>
            <Plus aria-hidden className="size-4" />
            Group ({group.op === "and" ? "any of" : "all of"})
          </Button>
        ) : null}
      </div>
    </div>
  );
}
