"use client";
// Creating or editing a segment: its name, and for a dynamic segment the nested AND/OR rule builder with a live count.
// Never save a static list with rules, and never change a segment's kind after it exists (the engine forbids both).
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import type { Segment } from "@/db/schema";
import type { RuleGroup } from "@/lib/crm/segments/rules";
import { createSegmentAction, updateSegmentAction } from "@/app/(app)/crm/actions";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { crmQueryKeys } from "@/lib/query-keys";
import { RuleBuilderContext, type RuleBuilderOptions } from "./rule-builder-context";
import { RuleGroupEditor } from "./rule-group-editor";
import { SegmentLiveCount } from "./segment-live-count";

const EMPTY: RuleGroup = { type: "group", op: "and", rules: [] };

export interface EditableSegment {
  id: string;
  name: string;
  kind: "dynamic" | "static";
  rules: RuleGroup | null;
}

export function SegmentEditor({ segment, options, canWrite }: { segment?: EditableSegment; options: RuleBuilderOptions; canWrite: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [name, setName] = useState(segment?.name ?? "");
  const [kind, setKind] = useState<"dynamic" | "static">(segment?.kind ?? "dynamic");
  const [rules, setRules] = useState<RuleGroup>(segment?.rules ?? EMPTY);
  const [errors, setErrors] = useState<{ name?: string; form?: string[] }>({});
  const [pending, startTransition] = useTransition();
  const dirty = !segment || name !== segment.name || JSON.stringify(rules) !== JSON.stringify(segment.rules ?? EMPTY);

  function save() {
    if (!name.trim()) return setErrors({ name: "Name the segment." });
    setErrors({});
    startTransition(async () => {
      try {
        const res = segment
          ? await updateSegmentAction({ id: segment.id, name, ...(segment.kind === "dynamic" ? { rules } : {}) })
          : await createSegmentAction({ name, kind, rules: kind === "dynamic" ? rules : null });
        if (!res.ok) {
          const fe = res.fieldErrors ?? {};
          const nameError = fe.name?.[0];
          const others = Object.entries(fe)
            .filter(([k]) => k !== "name")
            .flatMap(([, m]) => m);
          return setErrors({ name: nameError, form: others.length ? others : nameError ? undefined : [res.message] });
        }
        void queryClient.invalidateQueries({ queryKey: crmQueryKeys.segments.all });
        const saved: Segment = res.data;
        toast.success(segment ? "Segment saved." : `Segment “${saved.name}” created.`);
        if (!segment) router.push(`/crm/segments/${saved.id}`);
      } catch {
        setErrors({ form: ["The server could not be reached. Check your connection and try again."] });
      }
    });
  }

  return (
    <RuleBuilderContext.Provider value={options}>
      <div className="grid gap-6">
        <Card aria-labelledby="segment-basics">
          <CardHeader titleId="segment-basics" title={segment ? "Segment" : "New segment"} />
          <CardBody>
            <fieldset disabled={!canWrite} className="grid gap-4">
              <Field id="segment-name" label="Name" error={errors.name}>
                {(c) => <Input {...c} maxLength={120} value={name} placeholder="e.g. Engaged EU leads" onChange={(e) => setName(e.target.value)} />}
              </Field>
              {segment ? null : (
                <fieldset className="grid gap-2">
                  <legend className="mb-1 text-sm font-medium">Kind</legend>
                  <label className="flex items-start gap-2 text-sm">
                    <input type="radio" name="segment-kind" className="mt-0.5 accent-primary" checked={kind === "dynamic"} onChange={() => setKind("dynamic")} />
                    <span>
                      <span className="font-medium">Dynamic segment</span>
                      <span className="block text-xs text-muted-foreground">Rules decide who is in; contacts join and leave as their data and activity change.</span>
                    </span>
                  </label>
                  <label className="flex items-start gap-2 text-sm">
                    <input type="radio" name="segment-kind" className="mt-0.5 accent-primary" checked={kind === "static"} onChange={() => setKind("static")} />
                    <span>
                      <span className="font-medium">Static list</span>
                      <span className="block text-xs text-muted-foreground">You pick the contacts: select them in the contacts list and choose “Add to list”.</span>
                    </span>
                  </label>
                </fieldset>
              )}
            </fieldset>
          </CardBody>
        </Card>

        {kind === "dynamic" ? (
          <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_16rem] lg:items-start">
            <fieldset disabled={!canWrite} className="min-w-0">
              <legend className="sr-only">Rules</legend>
              <RuleGroupEditor group={rules} onChange={setRules} />
            </fieldset>
            <div className="lg:sticky lg:top-20">
              <SegmentLiveCount rules={rules} />
            </div>
          </div>
        ) : null}

        {errors.form?.length ? <FormError message={errors.form.join(" ")} /> : null}
        {canWrite ? (
          <div className="flex items-center gap-3">
            <Button onClick={save} pending={pending} disabled={!dirty}>
              {segment ? "Save segment" : kind === "dynamic" ? "Create segment" : "Create list"}
            </Button>
            {segment && dirty ? <p className="text-sm text-muted-foreground">Unsaved changes.</p> : null}
          </div>
        ) : null}
      </div>
    </RuleBuilderContext.Provider>
  );
}
