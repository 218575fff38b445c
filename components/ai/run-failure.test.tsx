// The playground's failure view (server-side render): when no provider could answer, each attempt is listed with its
// provider, model, error kind, HTTP status and message; other failures show no attempts. No browser, no database.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { AttemptRecord } from "@/db/schema";
import { RunFailure } from "./run-failure";

const render = (failure: Parameters<typeof RunFailure>[0]["failure"]) => renderToString(createElement(RunFailure, { failure })).replaceAll("<!-- -->", "");

const attempts: AttemptRecord[] = [
  {
    providerId: "00000000-0000-4000-8000-000000000001",
    providerName: "Primary OpenAI",
    kind: "openai",
    model: "gpt-4o-mini",
    ok: false,
    latencyMs: 12,
    error: { kind: "server", status: 500, message: "openai 500 server_error: Internal error; you sent [redacted]" },
  },
  {
    providerId: "00000000-0000-4000-8000-000000000002",
    providerName: "Backup Anthropic",
    kind: "anthropic",
    model: "claude-3-5-haiku-latest",
    ok: false,
    latencyMs: 0,
    skipped: "circuit breaker open",
  },
];

describe("RunFailure", () => {
  it("lists every attempt of a run no provider could answer, beside the alert", () => {
    const html = render({ code: "AI_PROVIDERS_FAILED", message: "No AI provider could answer.", attempts });
    expect(html).toContain("No provider could answer");
    expect(html).toContain("Attempts of this run (2)");
    expect(html).toContain('aria-label="Attempts of this failed run"');
    expect(html).toContain("Primary OpenAI");
    expect(html).toContain("gpt-4o-mini");
    expect(html).toContain("Error: server (HTTP 500)");
    expect(html).toContain("Internal error; you sent [redacted]");
    expect(html).toContain("Backup Anthropic");
    expect(html).toContain("skipped: circuit breaker open");
    // The list sits outside the alert, so a screen reader announces the failure rather than the whole list.
    const alert = html.slice(html.indexOf('role="alert"'), html.indexOf("</div>", html.indexOf('role="alert"')));
    expect(alert).not.toContain("Primary OpenAI");
  });

  it("shows no attempts for other failures", () => {
    const html = render({ code: "VALIDATION_FAILED", message: "Some fields are not valid.", fieldErrors: { messages: ["Send at least one message."] } });
    expect(html).toContain("Check the request");
    expect(html).toContain("messages: Send at least one message.");
    expect(html).not.toContain("Attempts of this run");
  });
});
