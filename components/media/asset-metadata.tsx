// What the library knows about a file: dimensions, aspect, duration, pages, format, size, palette and a camera summary.
// Never show a location: GPS is stripped at upload and only "location removed" is ever said about it.
import type { AssetJson } from "@/lib/media/schemas";
import { formatAspect, formatBytes, formatDateTime, formatDuration, KIND_LABELS } from "./media-format";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-2 py-1 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

export function AssetMetadata({ asset }: { asset: AssetJson }) {
  const exif = asset.exif;
  const camera = [exif.make, exif.model].filter(Boolean).join(" ");
  return (
    <dl className="divide-y divide-border">
      <Row label="Type">
        {KIND_LABELS[asset.kind]} · {asset.format.toUpperCase()} ({asset.mime})
      </Row>
      {asset.width && asset.height ? (
        <Row label="Dimensions">
          {asset.width} × {asset.height} px · {formatAspect(asset.aspectRatio)}
          {asset.orientation ? ` · ${asset.orientation}` : ""}
        </Row>
      ) : null}
      {asset.durationMs ? <Row label="Duration">{formatDuration(asset.durationMs)}</Row> : null}
      {asset.pageCount ? <Row label="Pages">{asset.pageCount}</Row> : null}
      <Row label="Size">{formatBytes(asset.bytes)}</Row>
      {asset.palette.length ? (
        <Row label="Palette">
          <ul className="flex flex-wrap gap-1.5" aria-label="Colour palette">
            {asset.palette.map((c) => (
              <li key={c} className="flex items-center gap-1 text-xs">
                <span aria-hidden className="size-5 rounded border border-border" style={{ backgroundColor: c }} />
                <span className="font-mono">{c}</span>
              </li>
            ))}
          </ul>
        </Row>
      ) : null}
      {camera || exif.takenAt || exif.software ? (
        <Row label="Camera">
          {[camera, exif.takenAt ? `taken ${formatDateTime(exif.takenAt)}` : null, exif.software].filter(Boolean).join(" · ")}
        </Row>
      ) : null}
      {exif.locationRemoved ? <Row label="Location">Removed at upload (never stored or delivered)</Row> : null}
      <Row label="File">{asset.originalFileName}</Row>
      <Row label="Added">{formatDateTime(asset.createdAt)}</Row>
      {asset.expiresAt ? <Row label="Expires">{formatDateTime(asset.expiresAt)}</Row> : null}
      <Row label="SHA-256">
        <span className="font-mono text-xs" title={asset.sha256}>
          {asset.sha256.slice(0, 16)}…
        </span>
      </Row>
    </dl>
  );
}
