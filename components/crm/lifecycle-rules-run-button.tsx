"use client";
// "Run now": applies every enabled rule to all the workspace's contacts and says how many moved.
// Never run on render or twice at once: only the click runs it, and the button is busy until the server answers.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { Play } from "lucide-react";
import { runLifecycleRulesAction } from "@/app/(app)/crm/rules/actions";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { formatCount } from "./crm-format";
import { crmQueryKeys } from "@/lib/query-keys";

export function LifecycleRulesRunButton({ disabled }: { disabled?: boolean }) {
  const toast = useToast();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [last, setLast] = useState<string | null>(null);

  function run() {
    startTransition(async () => {
      try {
        const res = await runLifecycleRulesAction({});
        if (!res.ok) return void toast.error(res.message);
        const { moved, byRule, skipped } = res.data;
        const detail = byRule.map((r) => `${r.name}: ${formatCount(r.moved)}`).join(", ");
        const ran = moved === 0 ? "Rules ran: no contact needed to move." : `Rules ran: ${formatCount(moved)} ${moved === 1 ? "contact" : "contacts"} moved (${detail}).`;
        const skippedNote =
          skipped.length === 0 ? "" : ` Skipped ${skipped.length === 1 ? "1 rule" : `${skipped.length} rules`} whose condition no longer works: ${skipped.map((r) => `“${r.name}” (${r.problem})`).join(", ")}.`;
        const message = ran + skippedNote;
        setLast(message);
        if (skipped.length > 0) toast.error(message);
        else toast.success(message);
        void queryClient.invalidateQueries({ queryKey: crmQueryKeys.contacts.all });
        router.refresh();
      } catch {
        toast.error("The server could not be reached. Check your connection and try again.");
      }
    });
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="outline" onClick={run} pending={pending} disabled={disabled}>
        <Play aria-hidden className="size-4" />
        Run now
      </Button>
      <p role="status" aria-live="polite" className="text-sm text-muted-foreground">
        {last}
      </p>
    </div>
  );
}
