// Display helpers for media: bytes, durations, aspect ratios, status labels and tones, delivery URLs.
// Never build a delivery URL anywhere else: these are the only routes that serve metadata-free files.
import type { BadgeTone } from "@/components/ui/badge";
import type { MediaStatus } from "@/lib/media/constants";

export const STATUS_LABELS: Record<MediaStatus, string> = {
  DRAFT: "Draft",
  IN_REVIEW: "In review",
  APPROVED: "Approved",
  PUBLISHED: "Published",
  ARCHIVED: "Archived",
  DELETED: "Deleted",
};

export const STATUS_TONES: Record<MediaStatus, BadgeTone> = {
  DRAFT: "neutral",
  IN_REVIEW: "warning",
  APPROVED: "success",
  PUBLISHED: "info",
  ARCHIVED: "neutral",
  DELETED: "danger",
};

export const KIND_LABELS: Record<string, string> = { image: "Image", video: "Video", pdf: "PDF", svg: "SVG" };

export const SORT_LABELS: Record<string, string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  most_used: "Most used",
  best_ctr: "Best CTR",
  largest: "Largest first",
};

export const ACTION_LABELS: Record<string, string> = {
  upload: "Uploaded",
  submit: "Submitted for review",
  approve: "Approved",
  reject: "Rejected",
  publish: "Published",
  archive: "Archived",
  reopen: "Reopened",
  delete: "Deleted",
  restore: "Restored",
};

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** A ratio as the nearest simple preset ("4:5") or as a decimal ("1.33:1"). */
export function formatAspect(ratio: number | null): string {
  if (!ratio) return "—";
  const known: [number, string][] = [
    [1, "1:1"],
    [0.8, "4:5"],
    [9 / 16, "9:16"],
    [16 / 9, "16:9"],
    [1.91, "1.91:1"],
    [2 / 3, "2:3"],
    [4 / 3, "4:3"],
    [3 / 4, "3:4"],
  ];
  const hit = known.find(([r]) => Math.abs(r - ratio) / r < 0.015);
  return hit ? hit[1] : `${ratio.toFixed(2)}:1`;
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export const thumbUrl = (id: string) => `/api/v1/media/assets/${id}/variants/thumb`;
export const variantUrl = (id: string, preset: string) => `/api/v1/media/assets/${id}/variants/${encodeURIComponent(preset)}`;
export const originalUrl = (id: string, download = false) => `/api/v1/media/assets/${id}/original${download ? "?download=1" : ""}`;
