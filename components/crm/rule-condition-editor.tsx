"use client";
// One condition of a segment: a contact or company field compared with a value, an event the contact had (or never had),
// or membership of another segment. Never offer an operator the field's type does not allow: the list comes from the engine.
import { X } from "lucide-react";
import { CONTACT_EVENT_TYPES } from "@/lib/crm/schemas";
import type { EventCondition, FieldCondition, RuleCondition, SegmentCondition } from "@/lib/crm/segments/rules";
import type { FieldOperator } from "@/lib/crm/segments/operators";
import { CompactInput, CompactSelect } from "./compact-controls";
import { useRuleBuilder, type SegmentFieldOption } from "./rule-builder-context";
import { RuleValueInput } from "./rule-value-input";
import { CUSTOM_FIELD_OPERATORS, customTypeFor, defaultValueFor, EVENT_LABELS, OPERATOR_LABELS } from "./segment-rule-labels";

const CUSTOM = "__custom__";

function RemoveButton({ onRemove, label }: { onRemove: () => void; label: string }) {
  return (
    <button
      type="button"
      onClick={onRemove}
      aria-label={label}
      className="ml-auto rounded p-1 text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
    >
      <X aria-hidden className="size-4" />
    </button>
  );
}

function fieldOption(fields: SegmentFieldOption[], key: string): SegmentFieldOption | null {
  return fields.find((f) => f.key === key) ?? null;
}

function FieldConditionEditor({ node, onChange, onRemove }: { node: FieldCondition; onChange: (n: RuleCondition) => void; onRemove: () => void }) {
  const { fields } = useRuleBuilder();
  const def = fieldOption(fields, node.field);
  const isCustom = !def && node.field.startsWith("custom.");
  const type = def?.type ?? customTypeFor(node.operator);
  const operators = def?.operators ?? CUSTOM_FIELD_OPERATORS;
  const label = def?.label ?? (isCustom ? node.field.slice(7) || "Custom field" : node.field);

  function pickField(key: string) {
    if (key === CUSTOM) return onChange({ type: "field", field: "custom.", operator: "eq", value: "" });
    const next = fieldOption(fields, key);
    if (!next) return;
    const op = next.operators[0]!;
    onChange({ type: "field", field: key, operator: op, value: defaultValueFor(next.type, op) });
  }

  function pickOperator(op: FieldOperator) {
    const nextType = def?.type ?? customTypeFor(op);
    onChange({ ...node, operator: op, value: defaultValueFor(nextType, op) });
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <CompactSelect aria-label="Field" value={isCustom ? CUSTOM : node.field} onChange={(e) => pickField(e.target.value)}>
        <optgroup label="Contact">
          {fields
            .filter((f) => f.entity === "contact")
            .map((f) => (
              <option key={f.key} value={f.key}>
                {f.label}
              </option>
            ))}
        </optgroup>
        <optgroup label="Company">
          {fields
            .filter((f) => f.entity === "company")
            .map((f) => (
              <option key={f.key} value={f.key}>
                {f.label}
              </option>
            ))}
        </optgroup>
        <option value={CUSTOM}>Custom field…</option>
      </CompactSelect>
      {isCustom ? (
        <CompactInput
          aria-label="Custom field key"
          placeholder="key, e.g. plan"
          className="w-36"
          maxLength={40}
          value={node.field.slice(7)}
          onChange={(e) => onChange({ ...node, field: `custom.${e.target.value.trim().toLowerCase()}` })}
        />
      ) : null}
      <CompactSelect aria-label={`${label} comparison`}  value={node.operator} onChange={(e) => pickOperator(e.target.value as FieldOperator)}>
        {operators.map((op) => (
          <option key={op} value={op}>
            {OPERATOR_LABELS[op]}
          </option>
        ))}
      </CompactSelect>
      <RuleValueInput
        field={node.field}
        fieldLabel={label}
        type={type}
        operator={node.operator}
        enumValues={def?.enumValues}
        value={node.value}
        onChange={(value) => onChange({ ...node, value })}
      />
      <RemoveButton onRemove={onRemove} label={`Remove the condition on ${label}`} />
    </div>
  );
}

function EventConditionEditor({ node, onChange, onRemove }: { node: EventCondition; onChange: (n: RuleCondition) => void; onRemove: () => void }) {
  const { campaigns } = useRuleBuilder();
  const never = node.occurred.op === "none";
  const what = EVENT_LABELS[node.eventType] ?? node.eventType;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-muted-foreground">Contact</span>
      <CompactSelect
        aria-label="Did or never did"
        
        value={node.occurred.op}
        onChange={(e) => onChange({ ...node, occurred: e.target.value === "none" ? { op: "none" } : { op: "at_least", count: 1 } })}
      >
        <option value="at_least">has</option>
        <option value="none">has never</option>
      </CompactSelect>
      <CompactSelect aria-label="Event" value={node.eventType} onChange={(e) => onChange({ ...node, eventType: e.target.value })}>
        {CONTACT_EVENT_TYPES.map((t) => (
          <option key={t} value={t}>
            {EVENT_LABELS[t] ?? t}
          </option>
        ))}
      </CompactSelect>
      {never ? null : (
        <span className="inline-flex items-center gap-1.5">
          <span className="text-muted-foreground">at least</span>
          <CompactInput
            aria-label={`How many times the contact ${what}`}
            type="number"
            min={1}
            max={1000}
            className="w-20"
            value={node.occurred.count ?? 1}
            onChange={(e) => onChange({ ...node, occurred: { op: "at_least", count: Number(e.target.value) || 1 } })}
          />
          <span className="text-muted-foreground">time(s)</span>
        </span>
      )}
      <span className="inline-flex items-center gap-1.5">
        <CompactSelect
          aria-label="When"
          
          value={node.withinDays === undefined ? "any" : "within"}
          onChange={(e) => {
            const { withinDays: _drop, ...rest } = node;
            onChange(e.target.value === "any" ? rest : { ...rest, withinDays: 30 });
          }}
        >
          <option value="any">at any time</option>
          <option value="within">in the last</option>
        </CompactSelect>
        {node.withinDays !== undefined ? (
          <>
            <CompactInput
              aria-label="Number of days"
              type="number"
              min={1}
              max={3650}
              className="w-20"
              value={node.withinDays}
              onChange={(e) => onChange({ ...node, withinDays: Number(e.target.value) || 1 })}
            />
            <span className="text-muted-foreground">days</span>
          </>
        ) : null}
      </span>
      <CompactSelect
        aria-label="Campaign"
        
        value={node.campaignId ?? ""}
        onChange={(e) => {
          const { campaignId: _drop, ...rest } = node;
          onChange(e.target.value ? { ...rest, campaignId: e.target.value } : rest);
        }}
      >
        <option value="">in any campaign</option>
        {campaigns.map((c) => (
          <option key={c.id} value={c.id}>
            in {c.name}
          </option>
        ))}
      </CompactSelect>
      <RemoveButton onRemove={onRemove} label={`Remove the condition “${what}”`} />
    </div>
  );
}

function SegmentConditionEditor({ node, onChange, onRemove }: { node: SegmentCondition; onChange: (n: RuleCondition) => void; onRemove: () => void }) {
  const { segments } = useRuleBuilder();
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-muted-foreground">Contact</span>
      <CompactSelect aria-label="In or not in" value={node.op} onChange={(e) => onChange({ ...node, op: e.target.value as "in" | "not_in" })}>
        <option value="in">is in</option>
        <option value="not_in">is not in</option>
      </CompactSelect>
      <CompactSelect aria-label="Segment" value={node.segmentId} onChange={(e) => onChange({ ...node, segmentId: e.target.value })}>
        {!segments.some((s) => s.id === node.segmentId) ? <option value={node.segmentId}>Pick a segment</option> : null}
        {segments.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </CompactSelect>
      <RemoveButton onRemove={onRemove} label="Remove the segment condition" />
    </div>
  );
}

export function RuleConditionEditor({ node, onChange, onRemove }: { node: RuleCondition; onChange: (n: RuleCondition) => void; onRemove: () => void }) {
  switch (node.type) {
    case "field":
      return <FieldConditionEditor node={node} onChange={onChange} onRemove={onRemove} />;
    case "event":
      return <EventConditionEditor node={node} onChange={onChange} onRemove={onRemove} />;
    case "segment":
      return <SegmentConditionEditor node={node} onChange={onChange} onRemove={onRemove} />;
  }
}
