// Sign-up, sign-in and their bad inputs through the real auth endpoints: taken email, weak password, wrong password,
// and failed-login throttling per account and per address that leaves other accounts and addresses alone.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, users } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import { setEnv } from "@/lib/env";
import { LOGIN_LIMITS } from "@/lib/auth/login-limiter";

const getDb = setupTestDb();
let authRoute: typeof import("@/app/api/auth/[...all]/route");

beforeAll(async () => {
  setEnv("DATABASE_URL", getDb().$client.options.connectionString!);
  setEnv("APP_URL", "http://localhost:3000");
  authRoute = await import("@/app/api/auth/[...all]/route");
});

function post(path: string, body: unknown, ip = "10.0.0.1"): Request {
  return new Request(`http://localhost:3000/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: "http://localhost:3000", "x-forwarded-for": ip },
    body: JSON.stringify(body),
  });
}

async function signUp(email: string, password = "correct-horse-42", ip?: string) {
  return authRoute.POST(post("/sign-up/email", { name: "Test User", email, password }, ip));
}

async function signIn(email: string, password: string, ip?: string) {
  return authRoute.POST(post("/sign-in/email", { email, password }, ip));
}

describe("sign-up", () => {
  it("creates a user with a hashed password and an httpOnly, SameSite session cookie", async () => {
    const res = await signUp("new@example.test");
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const [u] = await getDb().select().from(users).where(eq(users.email, "new@example.test"));
    const [a] = await getDb().select().from(accounts).where(eq(accounts.userId, u!.id));
    expect(a?.password).toBeTruthy();
    expect(a?.password).not.toContain("correct-horse-42");
  });

  it("refuses a taken email with a clear code and creates no second user", async () => {
    const res = await signUp("new@example.test");
    expect(res.status).toBeGreaterThanOrEqual(400);
    const body = (await res.json()) as { code?: string; message?: string };
    expect(body.code).toMatch(/USER_ALREADY_EXISTS/);
    const rows = await getDb().select().from(users).where(eq(users.email, "new@example.test"));
    expect(rows).toHaveLength(1);
  });

  it("refuses a weak password, saying why, and leaves no user behind", async () => {
    const res = await signUp("weak@example.test", "aaaaaaaaaa");
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code?: string; message?: string };
    expect(body.code).toBe("WEAK_PASSWORD");
    expect(body.message).toMatch(/repetitive|letters/i);
    expect(await getDb().select().from(users).where(eq(users.email, "weak@example.test"))).toHaveLength(0);
  });
});

describe("sign-in throttling", () => {
  it("answers 401 for a wrong password and 200 for the right one", async () => {
    await signUp("person@example.test");
    expect((await signIn("person@example.test", "wrong-password-1")).status).toBe(401);
    expect((await signIn("person@example.test", "correct-horse-42")).status).toBe(200);
  });

  it("locks one account after repeated failures (429 + Retry-After) without locking another account", async () => {
    await signUp("target@example.test");
    await signUp("bystander@example.test");
    for (let i = 0; i < LOGIN_LIMITS.perAccount.points; i++) {
      // Spread over addresses so only the per-account budget is spent.
      expect((await signIn("target@example.test", "nope-nope-1", `10.1.0.${i}`)).status).toBe(401);
    }
    const blocked = await signIn("target@example.test", "correct-horse-42", "10.1.1.1");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
    expect((await signIn("bystander@example.test", "correct-horse-42", "10.1.1.1")).status).toBe(200);
  });

  it("throttles one address that sprays many accounts, but not other addresses", async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAddress.points; i++) {
      await signIn(`nobody${i}@example.test`, "whatever-123", "10.9.9.9");
    }
    expect((await signIn("person@example.test", "correct-horse-42", "10.9.9.9")).status).toBe(429);
    expect((await signIn("person@example.test", "correct-horse-42", "10.2.2.2")).status).toBe(200);
  });
});
