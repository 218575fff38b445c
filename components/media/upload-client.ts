// Browser uploads against the media REST API with byte-level progress: one streamed multipart POST for ordinary files, a
// resumable session (create, PUT chunks with Content-Range, finish) for large ones. Never reads a file into memory whole.
import type { AssetJson } from "@/lib/media/schemas";
import type { NearDuplicateView } from "@/app/(app)/media/actions";

/** Files above this go through the resumable endpoints, chunk by chunk. */
export const RESUMABLE_THRESHOLD = 8 * 1024 * 1024;
const CHUNK_BYTES = 8 * 1024 * 1024;
const CHUNK_RETRIES = 3;

export type UploadOutcome =
  | { kind: "created"; asset: AssetJson; nearDuplicates: NearDuplicateView[]; notes: string[] }
  | { kind: "duplicate"; existing: AssetJson };

export class UploadError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

type ResultJson =
  | { created: true; asset: AssetJson; nearDuplicates: NearDuplicateView[]; notes: string[] }
  | { created: false; duplicateOf: AssetJson };

function toOutcome(r: ResultJson): UploadOutcome {
  return r.created ? { kind: "created", asset: r.asset, nearDuplicates: r.nearDuplicates, notes: r.notes } : { kind: "duplicate", existing: r.duplicateOf };
}

interface XhrOptions {
  method: string;
  url: string;
  body: XMLHttpRequestBodyInit | null;
  headers?: Record<string, string>;
  onProgress?: (loaded: number) => void;
  signal?: AbortSignal;
}

/** One request with upload progress; resolves with the parsed JSON of a 2xx answer, rejects with the server's error. */
function xhrJson<T>({ method, url, body, headers, onProgress, signal }: XhrOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(headers ?? {})) xhr.setRequestHeader(k, v);
    if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(json as T);
      const err = (json as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null)?.error;
      const fallback = xhr.status === 413 ? "The file is larger than the upload limit." : `The upload failed (HTTP ${xhr.status}).`;
      reject(new UploadError(err?.code ?? `HTTP_${xhr.status}`, err?.message ?? fallback, { ...err?.details, status: xhr.status }));
    };
    xhr.onerror = () => reject(new UploadError("NETWORK", "The connection was lost during the upload."));
    xhr.onabort = () => reject(new UploadError("CANCELLED", "Upload cancelled."));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

async function uploadDirect(file: File, libraryId: string, onProgress: (loaded: number) => void, signal?: AbortSignal): Promise<UploadOutcome> {
  const form = new FormData();
  form.append("file", file, file.name);
  const r = await xhrJson<ResultJson>({ method: "POST", url: `/api/v1/media/assets?libraryId=${encodeURIComponent(libraryId)}`, body: form, onProgress, signal });
  return toOutcome(r);
}

interface Session {
  id: string;
  receivedBytes: number;
  expectedBytes: number;
}

async function uploadResumable(file: File, libraryId: string, onProgress: (loaded: number) => void, signal?: AbortSignal): Promise<UploadOutcome> {
  const session = await xhrJson<Session>({
    method: "POST",
    url: "/api/v1/media/uploads",
    body: JSON.stringify({ libraryId, fileName: file.name, bytes: file.size }),
    headers: { "content-type": "application/json" },
    signal,
  });
  let offset = session.receivedBytes;
  let failures = 0;
  try {
    while (offset < file.size) {
      const end = Math.min(offset + CHUNK_BYTES, file.size);
      const start = offset;
      try {
        const s = await xhrJson<Session>({
          method: "PUT",
          url: `/api/v1/media/uploads/${session.id}`,
          body: file.slice(start, end),
          headers: { "content-range": `bytes ${start}-${end - 1}/${file.size}`, "content-type": "application/octet-stream" },
          onProgress: (loaded) => onProgress(start + loaded),
          signal,
        });
        offset = s.receivedBytes;
        failures = 0;
      } catch (e) {
        // A dropped connection resumes from where the server stands; anything else is final.
        if (!(e instanceof UploadError) || e.code === "CANCELLED" || ++failures > CHUNK_RETRIES) throw e;
        const standing = await xhrJson<Session>({ method: "GET", url: `/api/v1/media/uploads/${session.id}`, body: null, signal });
        offset = standing.receivedBytes;
      }
      onProgress(offset);
    }
    const done = await xhrJson<{ result: ResultJson }>({ method: "POST", url: `/api/v1/media/uploads/${session.id}/finish`, body: null, signal });
    return toOutcome(done.result);
  } catch (e) {
    if (e instanceof UploadError && e.code === "CANCELLED") {
      void fetch(`/api/v1/media/uploads/${session.id}`, { method: "DELETE", credentials: "same-origin" }).catch(() => {});
    }
    throw e;
  }
}

/** Uploads one file into a library, reporting bytes sent; large files go the resumable way. */
export function uploadFile(file: File, libraryId: string, onProgress: (loaded: number) => void, signal?: AbortSignal): Promise<UploadOutcome> {
  return file.size > RESUMABLE_THRESHOLD ? uploadResumable(file, libraryId, onProgress, signal) : uploadDirect(file, libraryId, onProgress, signal);
}
