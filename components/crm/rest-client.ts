// Browser calls to the REST API (/api/v1/...), authenticated by the session cookie, with the error body read once.
// Never guess a failure: a non-2xx answer becomes { ok: false } with the server's code and message.

export type ApiResult<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

export async function apiJson<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, code: "NETWORK", message: "The server could not be reached. Check your connection and try again." };
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, data: body as T };
  const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
  return { ok: false, code: err?.code ?? `HTTP_${res.status}`, message: err?.message ?? `The request failed (HTTP ${res.status}).` };
}
