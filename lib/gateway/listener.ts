// A dedicated HTTP listener for the OpenAI-compatible endpoint, beside Next.js in the same process. Tools that send
// many small calls (the gateway's main load) skip the framework's per-request cost; the route, auth, validation,
// engine and error mapping are the same functions `POST /api/v1/ai/chat/completions` uses, so both answer alike.
// Started by instrumentation.ts when AI_GATEWAY_PORT is set; it serves `POST /v1/chat/completions` only.
import "server-only";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "@/db/client";
import { authorize } from "@/lib/auth/context";
import { AppError, NotFoundError } from "@/lib/errors";
import { errorBody, toAppError } from "@/lib/http/errors";
import { ctxFromBearer, parseJsonText, parseWith } from "@/lib/http/route";
import { complete, completeStream } from "./gateway";
import { SSE_HEADERS, toChatCompletion, toGatewayCall, toSseChunks } from "./openai-compat";
import { chatCompletionsSchema } from "./schemas";
import { onGatewayShutdown } from "./shutdown";

/** Chat requests are text; a body larger than this is refused before it is parsed. */
export const LISTENER_MAX_BODY_BYTES = 1024 * 1024;
const PATHS = new Set(["/v1/chat/completions", "/api/v1/ai/chat/completions"]);
const tooLarge = () => new AppError("BODY_TOO_LARGE", 413, "The request body is larger than 1 MiB.");

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > LISTENER_MAX_BODY_BYTES) return reject(tooLarge());
    const parts: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > LISTENER_MAX_BODY_BYTES) {
        req.destroy();
        reject(tooLarge());
      } else parts.push(c);
    });
    req.on("end", () => resolve(parts.length === 1 ? parts[0]!.toString("utf8") : Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
  const text = JSON.stringify(body);
  const head = { "content-type": "application/json", "content-length": Buffer.byteLength(text) };
  res.writeHead(status, headers ? { ...head, ...headers } : head);
  res.end(text);
}

async function serve(db: Db, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? "/").split("?")[0]!;
  if (!PATHS.has(path)) throw new NotFoundError("Route");
  if (req.method !== "POST") {
    res.setHeader("allow", "POST");
    throw new AppError("METHOD_NOT_ALLOWED", 405, "Only POST is supported here.");
  }
  const ctx = await ctxFromBearer(db, req.headers.authorization);
  authorize(ctx, "ai.use");
  const body = parseWith(chatCompletionsSchema, parseJsonText(await readBody(req)), "body");

  // A client that hangs up cancels the call (the gateway then neither retries nor blames the provider).
  const hangUp = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) hangUp.abort();
  });
  const call = toGatewayCall(body);
  const created = Math.floor(Date.now() / 1000);
  if (!body.stream) {
    sendJson(res, 200, toChatCompletion(await complete(ctx, call, { signal: hangUp.signal }), created));
    return;
  }
  const events = await completeStream(ctx, call, { signal: hangUp.signal });
  res.writeHead(200, SSE_HEADERS);
  for await (const chunk of toSseChunks(events, body.model, created)) {
    if (hangUp.signal.aborted) break;
    res.write(chunk);
  }
  res.end();
}

export interface GatewayListener {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startGatewayListener(db: Db, opts: { port: number; host?: string }): Promise<GatewayListener> {
  // Requests being answered, so that a clean shutdown lets them finish (and log) before the process exits.
  let inFlight = 0;
  let idle: (() => void) | null = null;
  const finished = () => {
    if (--inFlight === 0 && idle) idle();
  };
  const server = createServer({ noDelay: true }, (req, res) => {
    inFlight++;
    res.once("close", finished);
    serve(db, req, res).catch((e: unknown) => {
      const err = toAppError(e);
      if (res.headersSent) {
        res.end();
        return;
      }
      sendJson(res, err.status, errorBody(err), err.code === "BODY_TOO_LARGE" ? { connection: "close" } : undefined);
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "0.0.0.0", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // At SIGTERM/SIGINT: stop accepting, let the calls in flight finish, then close the kept-alive connections; the request
  // log is written after that (shutdown.ts).
  const unregister = onGatewayShutdown("drain", async () => {
    server.close();
    if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
    server.closeAllConnections();
  });
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        unregister();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
