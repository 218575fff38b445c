// The SSRF-safe fetcher against a real local web server on 127.0.0.1: reachable only through the allow-list, and every
// refusal (loopback, ::1, private, metadata, names resolving inward, redirects inward) happens before any byte is sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { safeFetch, type SafeFetchError } from "@/lib/crm/enrichment";
import { startFixtureSite, type FixtureSite } from "../fixtures/websites/server";

let site: FixtureSite;
const allowed = { allowHosts: ["127.0.0.1"] };

beforeAll(async () => {
  site = await startFixtureSite();
});
afterAll(async () => {
  await site?.close();
});

async function refused(p: Promise<unknown>): Promise<SafeFetchError> {
  try {
    await p;
  } catch (e) {
    return e as SafeFetchError;
  }
  throw new Error("expected a refusal");
}

describe("the allow-list", () => {
  it("refuses the local server (loopback) when it is not allow-listed, without contacting it", async () => {
    const before = site.hits.length;
    const e = await refused(safeFetch(`${site.origin}/acme.html`));
    expect(e.code).toBe("REFUSED_ADDRESS");
    expect(e.message).toBe("refused: 127.0.0.1 is a loopback address");
    expect(site.hits.length).toBe(before);
  });

  it("fetches it once 127.0.0.1 is allow-listed", async () => {
    const page = await safeFetch(`${site.origin}/acme.html`, allowed);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Acme Bakery");
    expect(page.address).toBe("127.0.0.1");
  });

  it("follows a redirect within the allowed host and reports it", async () => {
    const page = await safeFetch(`${site.origin}/redirect-once`, allowed);
    expect(page.url).toBe(`${site.origin}/acme.html`);
    expect(page.redirects).toEqual([`${site.origin}/redirect-once`]);
  });

  it("decompresses gzip", async () => {
    expect((await safeFetch(`${site.origin}/gzip`, allowed)).html).toContain("Acme Bakery Ltd");
  });
});

describe("SSRF refusals", () => {
  it.each([
    ["http://127.0.0.1/", "refused: 127.0.0.1 is a loopback address"],
    ["http://[::1]/", "refused: ::1 is a loopback address"],
    ["http://10.0.0.1/", "refused: 10.0.0.1 is a private address"],
    ["http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is the cloud metadata address"],
  ])("%s", async (url, message) => {
    const e = await refused(safeFetch(url));
    expect(e.code).toBe("REFUSED_ADDRESS");
    expect(e.message).toBe(message);
  });

  it("refuses the metadata address even for an allow-listed host", async () => {
    const e = await refused(safeFetch("http://169.254.169.254/", { allowHosts: ["169.254.169.254"] }));
    expect(e.message).toBe("refused: 169.254.169.254 is the cloud metadata address");
  });

  it("refuses `localhost`, which the system resolver answers with loopback addresses", async () => {
    const e = await refused(safeFetch(`http://localhost:${site.port}/acme.html`));
    expect(e.code).toBe("REFUSED_ADDRESS");
    expect(e.message).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1), which is a loopback address$/);
  });

  it("refuses a public-looking name that resolves to a private address (injected resolver)", async () => {
    const e = await refused(safeFetch("http://www.acme-intranet.example/", { resolver: async () => [{ address: "192.168.10.20", family: 4 }] }));
    expect(e.message).toBe("refused: www.acme-intranet.example resolves to 192.168.10.20, which is a private address");
  });

  it("connects to the vetted address only: a second, different answer from DNS is never used", async () => {
    let calls = 0;
    // First answer: the (allow-listed) local server; any later answer would be the metadata service.
    const rebinding = async () => (calls++ === 0 ? [{ address: "127.0.0.1", family: 4 }] : [{ address: "169.254.169.254", family: 4 }]);
    const page = await safeFetch(`http://rebind.example:${site.port}/acme.html`, { allowHosts: ["rebind.example"], resolver: rebinding });
    expect(page.address).toBe("127.0.0.1");
    expect(calls).toBe(1);
  });

  it("refuses a redirect from the allowed server to a private address", async () => {
    const e = await refused(safeFetch(`${site.origin}/redirect-private`, allowed));
    expect(e.code).toBe("REFUSED_ADDRESS");
    expect(e.message).toBe("refused: 10.0.0.1 is a private address");
  });

  it("refuses a redirect to the metadata address", async () => {
    expect((await refused(safeFetch(`${site.origin}/redirect-metadata`, allowed))).message).toBe("refused: 169.254.169.254 is the cloud metadata address");
  });

  it("re-vets a redirect to another name for the same server: the allow-list is per host", async () => {
    const before = site.hits.length;
    const e = await refused(safeFetch(`${site.origin}/redirect-localhost`, allowed));
    expect(e.code).toBe("REFUSED_ADDRESS");
    expect(e.message).toMatch(/^refused: localhost resolves to/);
    expect(site.hits.slice(before)).toEqual(["/redirect-localhost"]);
  });

  it("refuses a redirect to another scheme", async () => {
    const e = await refused(safeFetch(`${site.origin}/redirect-ftp`, allowed));
    expect(e.code).toBe("REFUSED_SCHEME");
  });
});

describe("limits", () => {
  it("follows at most 3 redirects", async () => {
    const before = site.hits.length;
    const e = await refused(safeFetch(`${site.origin}/chain/0`, allowed));
    expect(e.code).toBe("TOO_MANY_REDIRECTS");
    expect(site.hits.slice(before)).toEqual(["/chain/0", "/chain/1", "/chain/2", "/chain/3"]);
  });

  it("refuses a body declared over 1 MB without reading it", async () => {
    expect((await refused(safeFetch(`${site.origin}/big-declared`, allowed))).code).toBe("TOO_LARGE");
  });

  it("aborts a streamed body once it passes 1 MB", async () => {
    const e = await refused(safeFetch(`${site.origin}/big-streamed`, allowed));
    expect(e.code).toBe("TOO_LARGE");
  });

  it("gives up when the whole fetch takes longer than its time limit", async () => {
    const t = performance.now();
    const e = await refused(safeFetch(`${site.origin}/slow`, { ...allowed, timeoutMs: 300 }));
    expect(e.code).toBe("TIMEOUT");
    expect(performance.now() - t).toBeLessThan(2_000);
  });

  it("counts a hanging DNS lookup against the time limit", async () => {
    const hang = () => new Promise<never>(() => {});
    const e = await refused(safeFetch("http://slow-dns.example/", { resolver: hang, timeoutMs: 200 }));
    expect(e.code).toBe("TIMEOUT");
  });

  it("refuses anything but text/html", async () => {
    const e = await refused(safeFetch(`${site.origin}/json`, allowed));
    expect(e.code).toBe("NOT_HTML");
    expect(e.message).toBe("refused: the page is application/json, not text/html");
  });

  it("reports an error status", async () => {
    expect((await refused(safeFetch(`${site.origin}/not-found`, allowed))).message).toBe("the site answered 404");
  });
});
