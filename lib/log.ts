// Structured JSON logs (pino) for the web process, workers and scripts.
// Redacts credentials by path; never pass a raw request body or an API key to a log call.
import "server-only";
import pino, { type Logger } from "pino";
import { env } from "@/lib/env";

let instance: Logger | undefined;

export function logger(): Logger {
  instance ??= pino({
    level: env().NODE_ENV === "test" ? "silent" : env().LOG_LEVEL,
    base: { service: "aicmo" },
    redact: {
      paths: [
        "password",
        "*.password",
        "apiKey",
        "*.apiKey",
        "key",
        "*.key",
        "authorization",
        "*.authorization",
        "headers.authorization",
        "headers.cookie",
        "token",
        "*.token",
      ],
      censor: "[redacted]",
    },
  });
  return instance;
}
