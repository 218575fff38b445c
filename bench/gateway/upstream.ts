// The gateway benchmark's loopback OpenAI-compatible upstream, run as its own process: one port answers a valid
// chat.completion after a fixed delay, another answers 500 at once. Never listen beyond 127.0.0.1; exit when the parent's pipe closes.
import http from "node:http";
import type { AddressInfo } from "node:net";

// Usage: node --import tsx bench/gateway/upstream.ts <latencyMs> <answer text>
const latencyMs = Number(process.argv[2] ?? "50");
if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error(`upstream: bad latency "${process.argv[2]}"`);
const text = process.argv[3] ?? "Hello from the bench upstream.";

const COMPLETION = JSON.stringify({
  id: "chatcmpl-bench",
  object: "chat.completion",
  created: 1_764_000_000,
  model: "bench-model",
  choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, logprobs: null, finish_reason: "stop" }],
  usage: { prompt_tokens: 14, completion_tokens: 11, total_tokens: 25 },
  system_fingerprint: "fp_bench",
});
const SERVER_ERROR = JSON.stringify({
  error: { message: "The server had an error while processing your request. Sorry about that!", type: "server_error", param: null, code: null },
});

const served = { ok: 0, fail: 0 };

/** GET /__counts lets the benchmark check that answers really came from here (not from the offline fallback). */
function answerCounts(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if (req.method !== "GET" || req.url !== "/__counts") return false;
  const body = JSON.stringify(served);
  res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
  res.end(body);
  return true;
}

function isChatCompletions(req: http.IncomingMessage): boolean {
  return req.method === "POST" && (req.url ?? "").split("?")[0] === "/v1/chat/completions";
}

function send(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), "x-request-id": "req_bench" });
  res.end(body);
}

function server(kind: "ok" | "fail"): http.Server {
  const srv = http.createServer((req, res) => {
    if (answerCounts(req, res)) return;
    // Read the whole body first, as a real vendor does before it answers.
    req.resume();
    req.on("end", () => {
      if (!isChatCompletions(req)) return send(res, 404, JSON.stringify({ error: { message: `no route for ${req.method} ${req.url}`, type: "invalid_request_error" } }));
      if (kind === "fail") {
        served.fail++;
        return send(res, 500, SERVER_ERROR);
      }
      setTimeout(() => {
        served.ok++;
        send(res, 200, COMPLETION);
      }, latencyMs);
    });
  });
  // Clients keep connections for a few seconds between bursts; never let the server be the side that drops them first.
  srv.keepAliveTimeout = 65_000;
  srv.headersTimeout = 66_000;
  return srv;
}

function listen(srv: http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => resolve((srv.address() as AddressInfo).port));
  });
}

const okPort = await listen(server("ok"));
const failPort = await listen(server("fail"));
process.stdout.write(`${JSON.stringify({ okPort, failPort })}\n`);

// The parent holds our stdin: when it goes away, however it went, so do we.
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
