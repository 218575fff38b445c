// The client's address for rate limiting. X-Forwarded-For is trusted only when TRUST_PROXY says a proxy sets it.
// Never use this for authorisation: it is a throttling key, nothing more.
import "server-only";
import { env } from "@/lib/env";

export function clientAddress(request: Request): string {
  if (env().TRUST_PROXY) {
    const fwd = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (fwd) return fwd;
  }
  return request.headers.get("x-real-ip") ?? request.headers.get("x-forwarded-for")?.split(",").pop()?.trim() ?? "local";
}
