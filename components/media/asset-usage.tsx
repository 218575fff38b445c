"use client";
// "Where used" for one asset, and "Attach to campaign" through the usage engine (the same function publishing and ads
// will call). Never hide the server's refusal: an expired or archived asset says why it cannot be attached.
import Link from "next/link";
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Unlink } from "lucide-react";
import { attachToCampaignAction, detachAssetAction, type UsageView } from "@/app/(app)/media/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useToast } from "@/components/ui/toast";
import { CampaignCombobox, type CampaignOption } from "./campaign-combobox";
import { formatDateTime } from "./media-format";
import { refreshMedia } from "./media-query-keys";

const ENTITY_LABELS: Record<string, string> = { post: "Post", ad: "Ad", email: "Email", campaign: "Campaign" };

export function AssetUsage({ assetId, usages, canWrite }: { assetId: string; usages: UsageView[]; canWrite: boolean }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [campaign, setCampaign] = useState<CampaignOption | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function attach() {
    if (!campaign) return setError("Pick a campaign first.");
    setPending(true);
    setError(null);
    try {
      const res = await attachToCampaignAction({ assetId, campaignId: campaign.id });
      if (!res.ok) return setError(res.message);
      toast.success(res.data.created ? `Attached to “${campaign.name}”.` : `Already attached to “${campaign.name}”.`);
      setCampaign(null);
      void refreshMedia(queryClient, assetId);
    } catch {
      setError("The server could not be reached. Try again.");
    } finally {
      setPending(false);
    }
  }

  async function detach(u: UsageView) {
    const res = await detachAssetAction({ assetId, entityType: u.entityType, entityId: u.entityId });
    if (!res.ok) return toast.error(res.message);
    toast.success("Detached.");
    void refreshMedia(queryClient, assetId);
  }

  return (
    <div className="grid gap-3">
      {usages.length ? (
        <ul className="divide-y divide-border rounded-md border border-border" aria-label="Where used">
          {usages.map((u) => (
            <li key={u.id} className="flex items-center gap-2 px-3 py-2 text-sm">
              <span className="text-xs text-muted-foreground">{ENTITY_LABELS[u.entityType]}</span>
              {u.entityType === "campaign" ? (
                <Link href={`/campaigns/${u.entityId}`} className="min-w-0 flex-1 truncate font-medium underline-offset-2 hover:underline">
                  {u.campaignName ?? u.entityId}
                </Link>
              ) : (
                <span className="min-w-0 flex-1 truncate font-medium">
                  {u.entityId}
                  {u.campaignName ? <span className="text-muted-foreground"> · {u.campaignName}</span> : null}
                </span>
              )}
              <span className="text-xs text-muted-foreground">
                {u.attachedBy}, {formatDateTime(u.at)}
              </span>
              {canWrite ? (
                <Button variant="ghost" size="icon" aria-label={`Detach from ${u.campaignName ?? u.entityId}`} onClick={() => void detach(u)}>
                  <Unlink aria-hidden className="size-4" />
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">Not used anywhere yet.</p>
      )}
      {canWrite ? (
        <div className="grid gap-2">
          <label htmlFor={`attach-${assetId}`} className="text-sm font-medium">
            Attach to campaign
          </label>
          <div className="flex gap-2">
            <div className="flex-1">
              <CampaignCombobox id={`attach-${assetId}`} value={campaign} onChange={setCampaign} />
            </div>
            <Button onClick={() => void attach()} pending={pending} disabled={!campaign}>
              Attach
            </Button>
          </div>
          <FormError message={error} />
        </div>
      ) : null}
    </div>
  );
}
