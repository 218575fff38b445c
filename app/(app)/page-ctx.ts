// The request's signed-in ctx for pages of the shell, resolved once per request and shared by the layout and the page.
// Never use it in server actions (they use runAction), and never cache it across requests.
import "server-only";
import { cache } from "react";
import { requirePageCtx } from "@/lib/auth/session";

export const getPageCtx = cache(() => requirePageCtx());
