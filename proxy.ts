// Request proxy (Next's former middleware): tells server pages which path was asked for, so a signed-out visitor can be
// sent back there after signing in. A convenience only: it authorises nothing, the engines and route handlers do.
import { NextResponse, type NextRequest } from "next/server";

export function proxy(request: NextRequest): NextResponse {
  const headers = new Headers(request.headers);
  headers.set("x-aicmo-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages only: not the API, not static assets.
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|icon.svg|readme).*)"],
};
