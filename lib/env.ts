// The one reader of process.env: every setting AICMO honours is declared, defaulted and validated here.
// Nothing else may touch process.env; a bad value fails fast at start with the variable's name.
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** A real Postgres. When unset, scripts/start.ts boots the embedded cluster and sets it for the server. */
  DATABASE_URL: z.string().url().optional(),
  /** Where the embedded cluster keeps its files (git-ignored). */
  AICMO_DATA_DIR: z.string().default(".data"),
  /** Port of the embedded Postgres cluster. */
  AICMO_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Public origin used in invitation links and by the auth library. */
  APP_URL: z.string().url().default("http://localhost:3000"),
  /** Signs session cookies. Must be set (≥ 32 chars) in production; the start script generates one per data folder. */
  AUTH_SECRET: z.string().min(32).optional(),
  /** 32-byte key (base64 or hex) that encrypts provider API keys at rest (AES-256-GCM). `npm start` generates one for the
   * embedded database; production with DATABASE_URL must set it. */
  AICMO_ENCRYPTION_KEY: z.string().min(32).optional(),
  /** Bearer token for /api/metrics; when unset the endpoint answers 404. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Set to false on web processes when `npm run worker` runs the queue elsewhere. */
  RUN_WORKERS: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  /** When set, the server also answers the OpenAI-compatible endpoint on this port without Next.js in the path
   * (`POST /v1/chat/completions`): same auth, validation and engine, far less CPU per call. */
  AI_GATEWAY_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Trust X-Forwarded-For for the client address (behind a reverse proxy). */
  TRUST_PROXY: bool,
  /** Test runs start their own cluster and pass its admin URL to test helpers. */
  TEST_PG_ADMIN_URL: z.string().url().optional(),
  /** Port of the production server that Playwright's e2e run boots (scripts/test.ts picks a free one). */
  E2E_PORT: z.coerce.number().int().min(1).max(65535).default(3100),
  CI: bool,
  /** Set by Next.js: "nodejs" or "edge". Instrumentation starts workers only on nodejs. */
  NEXT_RUNTIME: z.enum(["nodejs", "edge"]).optional(),
  /** Where media originals and variants live: `local` (under AICMO_DATA_DIR/media) or `s3` (any S3-compatible store). */
  MEDIA_STORAGE: z.enum(["local", "s3"]).default("local"),
  /** S3-compatible endpoint, e.g. http://127.0.0.1:9000 for MinIO; unset means AWS S3 itself. */
  MEDIA_S3_ENDPOINT: z.string().url().optional(),
  MEDIA_S3_REGION: z.string().min(1).default("us-east-1"),
  /** Required when MEDIA_STORAGE=s3. */
  MEDIA_S3_BUCKET: z.string().min(1).optional(),
  MEDIA_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  MEDIA_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style URLs (bucket in the path), which MinIO and most self-hosted S3 servers need. */
  MEDIA_S3_FORCE_PATH_STYLE: bool,
  /** ffmpeg / ffprobe binaries for video posters and metadata; default: the ones shipped by @ffmpeg-installer / @ffprobe-installer. */
  FFMPEG_PATH: z.string().min(1).optional(),
  FFPROBE_PATH: z.string().min(1).optional(),
});

export type Env = z.infer<typeof envSchema>;

function load(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

let cached: Env | undefined;
/** The validated environment, read once per process. */
export function env(): Env {
  cached ??= load();
  return cached;
}

/** For scripts that set variables before the app modules load (start, tests). */
export function resetEnvCache(): void {
  cached = undefined;
}

/** Sets a variable for child code in this process; the only writer besides the shell. */
export function setEnv(name: keyof Env | string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  cached = undefined;
}

/** A copy of the environment to hand to a child process, with overrides. */
export function childEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
