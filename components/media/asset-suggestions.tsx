"use client";
// An asset's optimisation suggestions, highest priority first, each with its explanation and one one-click action; the
// result is announced as a toast and the insights refetched. Never performs an action the engine did not suggest.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Lightbulb } from "lucide-react";
import { applySuggestionAction, listAssetSuggestionsAction } from "@/app/(app)/media/insights/actions";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import type { SuggestionJson as Suggestion } from "@/lib/media/schemas";
import { insightsQueryKeys, refreshInsights } from "./asset-insights";
import { refreshMedia } from "./media-query-keys";

const PRIORITY: Record<Suggestion["priority"], { tone: BadgeTone; label: string }> = {
  high: { tone: "danger", label: "High" },
  medium: { tone: "warning", label: "Medium" },
  low: { tone: "neutral", label: "Low" },
};

export function AssetSuggestions({ assetId }: { assetId: string }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: insightsQueryKeys.suggestions(assetId),
    queryFn: async () => {
      const r = await listAssetSuggestionsAction({ assetId });
      if (!r.ok) throw new Error(r.message);
      return r.data;
    },
  });
  const apply = useMutation({
    mutationFn: async (s: Suggestion) => {
      const r = await applySuggestionAction({ assetId, action: { kind: s.action.kind, preset: s.action.preset } });
      if (!r.ok) throw new Error(r.message);
      return r.data;
    },
    onSuccess: async (result) => {
      toast.success(result.message);
      // The asset itself may have changed (archived, alt text): let the library's views refetch too.
      await Promise.all([refreshInsights(queryClient), refreshMedia(queryClient, assetId)]);
    },
    onError: (e: Error) => toast.error(e.message),
  });

  if (q.isPending) {
    return (
      <div className="grid gap-2" aria-busy="true" aria-label="Loading suggestions">
        <Skeleton className="h-16 w-full" />
        <Skeleton className="h-16 w-full" />
      </div>
    );
  }
  if (q.isError) {
    return (
      <p role="alert" className="text-sm text-danger">
        Suggestions could not be loaded: {q.error.message}
      </p>
    );
  }
  if (!q.data.length) {
    return <EmptyState icon={<Lightbulb aria-hidden />} title="Nothing to improve" description="No rule found anything to suggest for this asset right now." />;
  }
  return (
    <ul className="grid gap-2" aria-label="Suggestions">
      {q.data.map((s) => {
        const busy = apply.isPending && apply.variables?.id === s.id;
        return (
          <li key={s.id} className="grid gap-2 rounded-md border border-border p-3">
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={PRIORITY[s.priority].tone}>{PRIORITY[s.priority].label} priority</Badge>
              <p className="font-medium">{s.title}</p>
            </div>
            <p className="text-sm text-muted-foreground">{s.explanation}</p>
            <div>
              <Button size="sm" variant={s.action.kind === "archive" ? "outline" : "secondary"} pending={busy} disabled={apply.isPending} onClick={() => apply.mutate(s)}>
                {s.action.label}
              </Button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
