// One entry of a contact's timeline: an icon per event type, what happened in words, the campaign and channel, and when.
// Never render an event's free-form properties as HTML: they come from the events API and are shown as plain text only.
import Link from "next/link";
import type { ReactNode } from "react";
import {
  CalendarCheck,
  Circle,
  ClipboardCheck,
  Eye,
  GitMerge,
  Heart,
  MailMinus,
  MailOpen,
  MailX,
  Megaphone,
  MousePointerClick,
  ShieldCheck,
  ShoppingCart,
  Sparkle,
  StickyNote,
  Target,
  TrendingUp,
  WandSparkles,
  type LucideIcon,
} from "lucide-react";
import type { TimelineEventView } from "@/app/(app)/crm/load-timeline";
import { formatTimestamp } from "@/components/format";
import { cn } from "@/components/ui/cn";
import { CONSENT_LABELS, isEmailConsent } from "./crm-format";
import { StageBadge } from "./stage-badge";

interface Kind {
  icon: LucideIcon;
  label: string;
  tone: string;
}

const KINDS: Record<string, Kind> = {
  email_open: { icon: MailOpen, label: "Opened an email", tone: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200" },
  email_click: { icon: MousePointerClick, label: "Clicked a link in an email", tone: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200" },
  email_bounce: { icon: MailX, label: "An email bounced", tone: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200" },
  email_unsubscribe: { icon: MailMinus, label: "Unsubscribed", tone: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200" },
  form_submit: { icon: ClipboardCheck, label: "Submitted a form", tone: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200" },
  page_view: { icon: Eye, label: "Viewed a page", tone: "bg-muted text-muted-foreground" },
  purchase: { icon: ShoppingCart, label: "Made a purchase", tone: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200" },
  post_engagement: { icon: Heart, label: "Engaged with a post", tone: "bg-pink-100 text-pink-800 dark:bg-pink-950 dark:text-pink-200" },
  ad_click: { icon: Target, label: "Clicked an ad", tone: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200" },
  meeting: { icon: CalendarCheck, label: "Had a meeting", tone: "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-200" },
  custom: { icon: Sparkle, label: "Custom event", tone: "bg-muted text-muted-foreground" },
  lifecycle_change: { icon: TrendingUp, label: "Lifecycle stage changed", tone: "bg-primary/15 text-primary" },
  note: { icon: StickyNote, label: "Note", tone: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200" },
  consent_change: { icon: ShieldCheck, label: "Consent changed", tone: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200" },
  merged: { icon: GitMerge, label: "Merged with a duplicate", tone: "bg-primary/15 text-primary" },
  enriched: { icon: WandSparkles, label: "Enriched", tone: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200" },
};

function str(v: unknown): string | null {
  return typeof v === "string" && v.trim() ? v : typeof v === "number" ? String(v) : null;
}

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function consentText(v: Record<string, unknown>): string {
  const parts: string[] = [];
  const c = str(v.emailConsent);
  if (c) parts.push(`email ${isEmailConsent(c) ? CONSENT_LABELS[c].toLowerCase() : c}`);
  if (typeof v.doNotContact === "boolean") parts.push(v.doNotContact ? "do not contact" : "may be contacted");
  return parts.join(", ");
}

function Detail({ event: e }: { event: TimelineEventView }): ReactNode {
  const p = e.properties;
  switch (e.type) {
    case "lifecycle_change": {
      const from = str(p.from);
      const to = str(p.to);
      const reason = str(p.reason);
      return (
        <>
          <span className="flex flex-wrap items-center gap-1.5">
            {from ? <StageBadge stage={from} /> : null}
            {from ? <span aria-label="to">→</span> : null}
            {to ? <StageBadge stage={to} /> : null}
          </span>
          {reason && reason !== "created" ? <p className="mt-1">“{reason}”</p> : null}
          {str(p.actor) ? <p className="mt-0.5 text-xs text-muted-foreground">By {str(p.actor)}</p> : null}
        </>
      );
    }
    case "note":
      return (
        <>
          <p className="whitespace-pre-line">{str(p.excerpt) ?? ""}</p>
          {str(p.author) ? <p className="mt-0.5 text-xs text-muted-foreground">By {str(p.author)}</p> : null}
        </>
      );
    case "consent_change": {
      const after = consentText(record(p.after));
      return (
        <>
          {after ? <p>Now: {after}</p> : null}
          {str(p.actor) ? <p className="mt-0.5 text-xs text-muted-foreground">By {str(p.actor)}</p> : null}
        </>
      );
    }
    case "merged":
      return (
        <>
          <p>Folded in {str(p.mergedEmail) ?? "a duplicate contact"}; its timeline and notes now live here.</p>
          {str(p.actor) ? <p className="mt-0.5 text-xs text-muted-foreground">By {str(p.actor)}</p> : null}
        </>
      );
    case "purchase":
      return e.valueMinor !== null ? (
        <p className="tabular-nums">
          Value {(e.valueMinor / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}
          {str(p.currency) ? ` ${str(p.currency)}` : ""}
        </p>
      ) : null;
    default: {
      const what = str(p.url) ?? str(p.path) ?? str(p.page) ?? str(p.form) ?? str(p.subject) ?? str(p.name) ?? str(p.title);
      return what ? <p className="break-all">{what}</p> : null;
    }
  }
}

export function TimelineItem({ event: e, timeZone, last }: { event: TimelineEventView; timeZone: string; last: boolean }) {
  const kind = KINDS[e.type] ?? { icon: Circle, label: e.type.replace(/_/g, " "), tone: "bg-muted text-muted-foreground" };
  const Icon = kind.icon;
  const at = new Date(e.occurredAt);
  return (
    <li className="relative flex gap-3 pb-5 last:pb-0">
      {last ? null : <span aria-hidden className="absolute top-8 bottom-0 left-4 w-px bg-border" />}
      <span aria-hidden className={cn("z-[1] flex size-8 shrink-0 items-center justify-center rounded-full", kind.tone)}>
        <Icon className="size-4" />
      </span>
      <div className="min-w-0 flex-1 pt-1 text-sm">
        <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5">
          <p className="font-medium">{kind.label}</p>
          <time dateTime={at.toISOString()} className="text-xs whitespace-nowrap text-muted-foreground">
            {formatTimestamp(at, timeZone)}
          </time>
        </div>
        <div className="mt-1 text-foreground/90">
          <Detail event={e} />
        </div>
        {e.campaignId || e.channel ? (
          <p className="mt-1.5 flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
            {e.campaignId ? (
              <Link href={`/campaigns/${e.campaignId}`} className="inline-flex items-center gap-1 rounded underline-offset-2 hover:underline">
                <Megaphone aria-hidden className="size-3" />
                {e.campaignName ?? "A deleted campaign"}
              </Link>
            ) : null}
            {e.channel ? <span className="rounded-full bg-muted px-2 py-0.5">{e.channel}</span> : null}
          </p>
        ) : null}
      </div>
    </li>
  );
}
