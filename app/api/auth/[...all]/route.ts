// The auth library's HTTP endpoints (/api/auth/*), with per-account and per-address throttling of failed sign-ins.
// Never read or log the password here; only the email is used, as the limiter key.
import { getAuth } from "@/lib/auth/auth";
import { assertLoginAllowed, recordLoginFailure, recordLoginSuccess } from "@/lib/auth/login-limiter";
import { clientAddress } from "@/lib/http/client-address";
import { errorResponse } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

async function signIn(request: Request): Promise<Response> {
  let email = "";
  try {
    const body = (await request.clone().json()) as { email?: unknown };
    email = typeof body.email === "string" ? body.email.trim().toLowerCase() : "";
  } catch {
    // The auth library answers malformed bodies itself.
  }
  const address = clientAddress(request);
  if (email) {
    try {
      await assertLoginAllowed(email, address);
    } catch (e) {
      return errorResponse(e);
    }
  }
  const res = await getAuth().handler(request);
  if (email) {
    if (res.status === 401) await recordLoginFailure(email, address);
    else if (res.ok) await recordLoginSuccess(email);
  }
  return res;
}

export async function POST(request: Request): Promise<Response> {
  if (new URL(request.url).pathname.endsWith("/sign-in/email")) return signIn(request);
  return getAuth().handler(request);
}

export async function GET(request: Request): Promise<Response> {
  return getAuth().handler(request);
}
