// SSRF-safe page fetch for enrichment: resolves each host once, vets every address (IPv4, IPv6, mapped and embedded forms),
// connects only to the vetted addresses, re-vets every redirect hop, and bounds time (5 s), size (1 MB), type and redirects.
// Never connect to an address that was not vetted, never resolve a host twice for one hop, never use global fetch or a proxy.
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import ipaddr from "ipaddr.js";

export const SAFE_FETCH_LIMITS = {
  timeoutMs: 5_000,
  maxBytes: 1_000_000,
  maxRedirects: 3,
} as const;

/** Ports a host outside the allow-list may be fetched on. */
const WEB_PORTS = new Set([80, 443, 8080, 8443]);

export type SafeFetchErrorCode =
  | "INVALID_URL"
  | "REFUSED_SCHEME"
  | "REFUSED_ADDRESS"
  | "REFUSED_PORT"
  | "DNS_FAILED"
  | "TOO_MANY_REDIRECTS"
  | "TIMEOUT"
  | "TOO_LARGE"
  | "NOT_HTML"
  | "HTTP_STATUS"
  | "NETWORK";

/** A refused or failed fetch; `message` says why in words a user can act on ("refused: 10.0.0.5 is a private address"). */
export class SafeFetchError extends Error {
  readonly code: SafeFetchErrorCode;
  constructor(code: SafeFetchErrorCode, message: string) {
    super(message);
    this.name = "SafeFetchError";
    this.code = code;
  }
}

// ---------------------------------------------------------------- address vetting

export interface AddressClass {
  /** "public" for ordinary unicast; otherwise the special range. */
  kind: string;
  /** "a private address", "the cloud metadata address", … */
  label: string;
  /** An allow-listed host may use it (internal services); never true for metadata, multicast and the like. */
  bypassable: boolean;
}

const PUBLIC: AddressClass = { kind: "public", label: "a public address", bypassable: true };

const V4_CLASSES: Record<string, Omit<AddressClass, "kind">> = {
  unspecified: { label: "an unspecified address", bypassable: false },
  broadcast: { label: "a broadcast address", bypassable: false },
  multicast: { label: "a multicast address", bypassable: false },
  linkLocal: { label: "a link-local address", bypassable: true },
  loopback: { label: "a loopback address", bypassable: true },
  carrierGradeNat: { label: "a carrier-grade NAT address", bypassable: true },
  private: { label: "a private address", bypassable: true },
};

const V6_CLASSES: Record<string, Omit<AddressClass, "kind">> = {
  unspecified: { label: "an unspecified address", bypassable: false },
  multicast: { label: "a multicast address", bypassable: false },
  linkLocal: { label: "a link-local address", bypassable: true },
  loopback: { label: "a loopback address", bypassable: true },
  uniqueLocal: { label: "a private address", bypassable: true },
  deprecatedSiteLocal: { label: "a site-local address", bypassable: true },
};

/** Instance metadata endpoints (AWS, GCP, Azure, ECS, Alibaba, AWS IPv6): never reachable, allow-list or not. */
const METADATA = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"]);
const METADATA_CLASS: AddressClass = { kind: "metadata", label: "the cloud metadata address", bypassable: false };

function classifyV4(v4: ipaddr.IPv4): AddressClass {
  if (METADATA.has(v4.toString())) return METADATA_CLASS;
  const range = v4.range();
  if (range === "unicast") return PUBLIC;
  const known = V4_CLASSES[range];
  // Everything else special (documentation, benchmarking, 240/4, AS112, AMT) is refused outright.
  return known ? { kind: range, ...known } : { kind: range, label: "a reserved address", bypassable: false };
}

/** The IPv4 address a v6 address carries (NAT64 64:ff9b::/96, 6to4 2002::/16), when it carries one. */
function embeddedV4(v6: ipaddr.IPv6, range: string): ipaddr.IPv4 | null {
  const b = v6.toByteArray();
  if (range === "rfc6052") return new ipaddr.IPv4(b.slice(12, 16));
  if (range === "6to4") return new ipaddr.IPv4(b.slice(2, 6));
  return null;
}

/** Classifies an IP literal; throws INVALID_URL when it is not one. */
export function classifyAddress(address: string): AddressClass {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, ""));
  } catch {
    throw new SafeFetchError("INVALID_URL", `${address} is not an IP address`);
  }
  if (parsed.kind() === "ipv4") return classifyV4(parsed as ipaddr.IPv4);
  const v6 = parsed as ipaddr.IPv6;
  if (METADATA.has(v6.toString())) return METADATA_CLASS;
  const range = v6.range();
  // ::ffff:a.b.c.d and ::ffff:0:a.b.c.d reach the IPv4 address: judge that address.
  if (range === "ipv4Mapped" || range === "rfc6145") {
    const inner = classifyV4(new ipaddr.IPv4(v6.toByteArray().slice(12, 16)));
    return inner.kind === "public" ? inner : { ...inner, label: `${inner.label} (IPv4-mapped)` };
  }
  const inner4 = embeddedV4(v6, range);
  if (inner4) {
    const inner = classifyV4(inner4);
    return inner.kind === "public" ? PUBLIC : { ...inner, label: `${inner.label} (embedded in IPv6)` };
  }
  if (range === "unicast") {
    // ::/96 (IPv4-compatible, deprecated) is "unicast" to ipaddr.js but may reach 127/8 or 10/8 on some stacks.
    const b = v6.toByteArray();
    if (b.slice(0, 12).every((x) => x === 0)) return { kind: "ipv4Compatible", label: "a reserved address (IPv4-compatible)", bypassable: false };
    return PUBLIC;
  }
  const known = V6_CLASSES[range];
  return known ? { kind: range, ...known } : { kind: range, label: "a reserved address", bypassable: false };
}

/** Throws REFUSED_ADDRESS unless `address` may be connected to (public, or internal for an allow-listed host). */
export function vetAddress(address: string, opts: { host?: string; hostAllowed?: boolean } = {}): void {
  const cls = classifyAddress(address);
  if (cls.kind === "public") return;
  if (cls.bypassable && opts.hostAllowed) return;
  const shown = address.replace(/^\[|\]$/g, "");
  const who = opts.host && opts.host !== shown ? `${opts.host} resolves to ${shown}, which is` : `${shown} is`;
  throw new SafeFetchError("REFUSED_ADDRESS", `refused: ${who} ${cls.label}`);
}

// ---------------------------------------------------------------- fetching

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Hostname → addresses. Injectable so tests can make a name resolve to a private address. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const out = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return out.map((a) => ({ address: a.address, family: a.family }));
};

export interface SafeFetchOptions {
  /** Hosts (lower-case, no port) whose internal addresses are allowed; from enrichment_allow_hosts. */
  allowHosts?: Iterable<string>;
  resolver?: Resolver;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  signal?: AbortSignal;
  userAgent?: string;
}

export interface SafeFetchResult {
  /** The URL that answered (after redirects). */
  url: string;
  status: number;
  contentType: string;
  html: string;
  bytes: number;
  /** Every URL visited before the final one. */
  redirects: string[];
  /** The address the final response came from. */
  address: string;
}

/** Lower-case, no brackets, no trailing dot: the form allow-list entries are stored in. */
export function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
}

function parseUrl(raw: string | URL, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new SafeFetchError("INVALID_URL", `not a valid URL: ${String(raw).slice(0, 200)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new SafeFetchError("REFUSED_SCHEME", `refused: only http and https are fetched, not ${url.protocol.replace(/:$/, "")}`);
  }
  if (url.username || url.password) throw new SafeFetchError("INVALID_URL", "refused: URLs with credentials are not fetched");
  return url;
}

/** `promise`, or a rejection as soon as `signal` aborts (dns.lookup cannot be cancelled, only abandoned). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error("aborted"));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

/** Resolves once and vets every address; an answer mixing public and internal addresses is refused as a whole. */
async function vetHost(url: URL, allow: ReadonlySet<string>, resolver: Resolver, signal: AbortSignal): Promise<ResolvedAddress[]> {
  const host = normaliseHost(url.hostname);
  const hostAllowed = allow.has(host);
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  let addresses: ResolvedAddress[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: ipaddr.parse(host).kind() === "ipv4" ? 4 : 6 }];
  } else {
    try {
      addresses = await untilAborted(resolver(host), signal);
    } catch (e) {
      if (signal.aborted) throw e;
      throw new SafeFetchError("DNS_FAILED", `could not resolve ${host}: ${(e as NodeJS.ErrnoException).code ?? "lookup failed"}`);
    }
    if (addresses.length === 0) throw new SafeFetchError("DNS_FAILED", `could not resolve ${host}: no addresses`);
  }
  for (const a of addresses) vetAddress(a.address, { host, hostAllowed });
  if (!hostAllowed && !WEB_PORTS.has(port)) throw new SafeFetchError("REFUSED_PORT", `refused: port ${port} is not a web port`);
  return addresses;
}

/** Hands Node the vetted addresses instead of resolving again (no DNS rebinding between vetting and connecting). */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return ((_hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    const fam = options.family === 4 || options.family === 6 ? options.family : 0;
    const usable = addresses.filter((a) => !fam || a.family === fam);
    if (usable.length === 0) {
      const err = Object.assign(new Error("no vetted address of the requested family"), { code: "ENOTFOUND" });
      return callback(err);
    }
    if (options.all) return callback(null, usable.map((a) => ({ address: a.address, family: a.family })));
    return callback(null, usable[0]!.address, usable[0]!.family);
  }) as LookupFunction;
}

interface Hop {
  res: http.IncomingMessage;
  address: string;
}

function requestHop(url: URL, addresses: ResolvedAddress[], signal: AbortSignal, userAgent: string): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const isHttps = url.protocol === "https:";
    const host = normaliseHost(url.hostname);
    const options: https.RequestOptions = {
      protocol: url.protocol,
      hostname: host,
      port: url.port || (isHttps ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: "GET",
      agent: false,
      lookup: pinnedLookup(addresses),
      signal,
      headers: {
        host: url.host,
        "user-agent": userAgent,
        accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        "accept-encoding": "gzip, deflate, br",
        "accept-language": "en;q=1, *;q=0.5",
      },
    };
    // TLS SNI cannot carry an IP literal.
    if (isHttps && !ipaddr.isValid(host)) options.servername = host;
    const req = (isHttps ? https : http).request(options, (res) => {
      resolve({ res, address: res.socket?.remoteAddress ?? addresses[0]!.address });
    });
    req.on("error", reject);
    req.end();
  });
}

function decoderFor(encoding: string | undefined): NodeJS.ReadWriteStream | null {
  switch ((encoding ?? "").trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip();
    case "deflate":
      return zlib.createInflate();
    case "br":
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

function charsetOf(contentType: string, head: Buffer): string {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1];
  if (fromHeader) return fromHeader;
  const sniff = head.subarray(0, 2048).toString("latin1");
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(sniff)?.[1] ?? "utf-8";
}

function decodeText(buf: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(buf);
  } catch {
    return new TextDecoder("utf-8").decode(buf);
  }
}

/** Reads the body up to `maxBytes` (compressed and decompressed); aborts the download past it. */
async function readBody(res: http.IncomingMessage, maxBytes: number, abort: () => void): Promise<Buffer> {
  const declared = Number(res.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    abort();
    throw new SafeFetchError("TOO_LARGE", `refused: the page is ${declared} bytes, over the ${maxBytes}-byte limit`);
  }
  const decoder = decoderFor(res.headers["content-encoding"]);
  let raw = 0;
  res.on("data", (chunk: Buffer) => {
    raw += chunk.length;
    if (raw > maxBytes) res.destroy(new SafeFetchError("TOO_LARGE", `refused: the page is over the ${maxBytes}-byte limit`));
  });
  const source: Readable = decoder ? (res.pipe(decoder) as unknown as Readable) : res;
  if (decoder) res.on("error", (e) => (decoder as unknown as Readable).destroy(e));
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of source) {
      const b = chunk as Buffer;
      total += b.length;
      if (total > maxBytes) throw new SafeFetchError("TOO_LARGE", `refused: the page is over the ${maxBytes}-byte limit`);
      chunks.push(b);
    }
  } catch (e) {
    abort();
    throw e;
  }
  return Buffer.concat(chunks);
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GETs an http(s) page that is text/html, following at most `maxRedirects` redirects, each re-vetted.
 * Throws SafeFetchError with a code and a readable reason for every refusal or failure.
 */
export async function safeFetch(rawUrl: string | URL, opts: SafeFetchOptions = {}): Promise<SafeFetchResult> {
  const timeoutMs = opts.timeoutMs ?? SAFE_FETCH_LIMITS.timeoutMs;
  const maxBytes = opts.maxBytes ?? SAFE_FETCH_LIMITS.maxBytes;
  const maxRedirects = opts.maxRedirects ?? SAFE_FETCH_LIMITS.maxRedirects;
  const resolver = opts.resolver ?? systemResolver;
  const userAgent = opts.userAgent ?? "AICMO-Enrichment/1.0 (company website lookup)";
  const allow = new Set([...(opts.allowHosts ?? [])].map(normaliseHost));

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onOuterAbort = () => controller.abort();
  opts.signal?.addEventListener("abort", onOuterAbort, { once: true });

  const fail = (e: unknown): never => {
    if (e instanceof SafeFetchError) throw e;
    if (timedOut) throw new SafeFetchError("TIMEOUT", `gave up after ${timeoutMs} ms`);
    if (opts.signal?.aborted) throw new SafeFetchError("TIMEOUT", "the fetch was cancelled");
    const err = e as NodeJS.ErrnoException;
    throw new SafeFetchError("NETWORK", `could not fetch the page: ${err.code ?? err.message ?? "network error"}`);
  };

  try {
    let url = parseUrl(rawUrl);
    const visited: string[] = [];
    for (let hop = 0; ; hop++) {
      const addresses = await vetHost(url, allow, resolver, controller.signal);
      if (controller.signal.aborted) fail(new Error("aborted"));
      let response: Hop;
      try {
        response = await requestHop(url, addresses, controller.signal, userAgent);
      } catch (e) {
        return fail(e);
      }
      const { res } = response;
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        res.resume();
        const location = res.headers.location;
        if (!location) throw new SafeFetchError("HTTP_STATUS", `the site answered ${status} without a Location`);
        if (hop >= maxRedirects) throw new SafeFetchError("TOO_MANY_REDIRECTS", `refused: more than ${maxRedirects} redirects`);
        visited.push(url.toString());
        url = parseUrl(location, url);
        continue;
      }
      if (status < 200 || status > 299) {
        res.resume();
        throw new SafeFetchError("HTTP_STATUS", `the site answered ${status}`);
      }
      const contentType = String(res.headers["content-type"] ?? "");
      if (!/^\s*text\/html\b/i.test(contentType)) {
        res.destroy();
        throw new SafeFetchError("NOT_HTML", `refused: the page is ${contentType.split(";")[0]?.trim() || "of no stated type"}, not text/html`);
      }
      let body: Buffer;
      try {
        body = await readBody(res, maxBytes, () => controller.abort());
      } catch (e) {
        return fail(e);
      }
      return {
        url: url.toString(),
        status,
        contentType,
        html: decodeText(body, charsetOf(contentType, body)),
        bytes: body.length,
        redirects: visited,
        address: response.address,
      };
    }
  } catch (e) {
    return fail(e);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener("abort", onOuterAbort);
  }
}
