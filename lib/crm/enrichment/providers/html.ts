// A small, forgiving HTML scanner for company homepages: title, meta description, OpenGraph, JSON-LD Organization
// (arrays, @graph, nesting) and social profile links. Pure; linear-time regexes only; never throws on malformed input.
import { normaliseCountry } from "@/lib/crm/normalize";
import { SOCIAL_NETWORKS, type SocialNetwork } from "./types";

export interface OrganizationFacts {
  name: string | null;
  description: string | null;
  url: string | null;
  sameAs: string[];
  /** Exact when the page gives a number; a range's midpoint otherwise. */
  employees: { count: number; exact: boolean } | null;
  /** ISO alpha-2, when the address names a country we recognise. */
  country: string | null;
}

export interface PageFacts {
  title: string | null;
  description: string | null;
  og: { title: string | null; description: string | null; siteName: string | null };
  organization: OrganizationFacts | null;
  social: Partial<Record<SocialNetwork, string>>;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  copy: "©",
  reg: "®",
  trade: "™",
  middot: "·",
  bull: "•",
  eacute: "é",
  egrave: "è",
  agrave: "à",
  aacute: "á",
  uuml: "ü",
  ouml: "ö",
  auml: "ä",
  szlig: "ß",
  ccedil: "ç",
  ntilde: "ñ",
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,9});?/gi, (m, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? m;
  });
}

/** Decoded, whitespace-collapsed, trimmed, clipped; null when nothing is left. */
function clean(raw: string | null | undefined, max = 2000): string | null {
  if (raw == null) return null;
  const v = decodeEntities(raw).replace(/\s+/g, " ").trim();
  if (!v) return null;
  return v.length > max ? `${v.slice(0, max - 1).trimEnd()}…` : v;
}

const ATTR_RE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

export function parseAttributes(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of raw.matchAll(ATTR_RE)) {
    const name = m[1]!.toLowerCase();
    if (name in out) continue;
    out[name] = m[2] ?? m[3] ?? m[4] ?? "";
  }
  return out;
}

/** Comments, scripts and styles out (JSON-LD blocks kept aside), so tags inside them are never mistaken for real ones. */
function strip(html: string): { markup: string; jsonLd: string[] } {
  const jsonLd: string[] = [];
  let markup = html.replace(/<!--[\s\S]*?(?:-->|$)/g, " ");
  markup = markup.replace(/<script\b([^<>]*)>([\s\S]*?)(?:<\/script\s*>|$)/gi, (_m, attrs: string, body: string) => {
    if (/ld\+json/i.test(parseAttributes(attrs).type ?? "")) jsonLd.push(body);
    return " ";
  });
  markup = markup.replace(/<style\b[^<>]*>[\s\S]*?(?:<\/style\s*>|$)/gi, " ");
  return { markup, jsonLd };
}

function extractTitle(markup: string): string | null {
  const open = /<title\b[^<>]*>/i.exec(markup);
  if (!open) return null;
  const rest = markup.slice(open.index + open[0].length, open.index + open[0].length + 4000);
  const close = /<\/title\s*>/i.exec(rest);
  // An unclosed <title> ends at the next tag rather than swallowing the page.
  const text = close ? rest.slice(0, close.index) : rest.split("<")[0];
  return clean(text, 300);
}

// ---------------------------------------------------------------- social links

interface SocialRule {
  network: SocialNetwork;
  hosts: RegExp;
  canonicalHost: string;
  /** Returns the profile path to keep, or null when the link is not a profile (a share button, a post). */
  path(segments: string[]): string | null;
}

const one = (segments: string[], banned: RegExp): string | null =>
  segments[0] && !banned.test(segments[0]) && /^[\w.@-]{1,100}$/.test(segments[0]) ? `/${segments[0]}` : null;

const SOCIAL_RULES: SocialRule[] = [
  {
    network: "linkedin",
    hosts: /(^|\.)linkedin\.com$/,
    canonicalHost: "www.linkedin.com",
    // Company pages only: /in/ links on a company site are its employees.
    path: (s) => (s[0] && /^(company|school|showcase)$/i.test(s[0]) && s[1] ? `/${s[0].toLowerCase()}/${s[1]}` : null),
  },
  {
    network: "x",
    hosts: /(^|\.)(twitter|x)\.com$/,
    canonicalHost: "x.com",
    path: (s) => one(s, /^(intent|share|home|search|hashtag|i|explore|settings|login|signup)$/i),
  },
  {
    network: "facebook",
    hosts: /(^|\.)(facebook|fb)\.com$/,
    canonicalHost: "www.facebook.com",
    path: (s) => {
      if (s[0]?.toLowerCase() === "pages" && s[1]) return `/pages/${s.slice(1, 3).join("/")}`;
      return one(s, /^(sharer|sharer\.php|share|share\.php|dialog|plugins|tr|login|watch|groups|events|profile\.php)$/i);
    },
  },
  {
    network: "instagram",
    hosts: /(^|\.)instagram\.com$/,
    canonicalHost: "www.instagram.com",
    path: (s) => one(s, /^(p|reel|reels|explore|stories|accounts|tv)$/i),
  },
  {
    network: "youtube",
    hosts: /(^|\.)youtube\.com$/,
    canonicalHost: "www.youtube.com",
    path: (s) => {
      if (s[0]?.startsWith("@")) return `/${s[0]}`;
      if (s[0] && /^(channel|c|user)$/i.test(s[0]) && s[1]) return `/${s[0].toLowerCase()}/${s[1]}`;
      return null;
    },
  },
  {
    network: "github",
    hosts: /^(www\.)?github\.com$/,
    canonicalHost: "github.com",
    path: (s) => one(s, /^(login|join|features|pricing|about|orgs|sponsors|marketplace|topics|explore|settings)$/i),
  },
  {
    network: "tiktok",
    hosts: /(^|\.)tiktok\.com$/,
    canonicalHost: "www.tiktok.com",
    path: (s) => (s[0]?.startsWith("@") && s[0].length > 1 ? `/${s[0]}` : null),
  },
];

/** A canonical profile URL and its network, or null when `href` is not a social profile. */
export function socialProfile(href: string, base?: string): { network: SocialNetwork; url: string } | null {
  let u: URL;
  try {
    u = new URL(decodeEntities(href.trim()), base);
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  const host = u.hostname.toLowerCase();
  const rule = SOCIAL_RULES.find((r) => r.hosts.test(host));
  if (!rule) return null;
  const segments = u.pathname.split("/").filter(Boolean).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  const path = rule.path(segments);
  return path ? { network: rule.network, url: `https://${rule.canonicalHost}${path}` } : null;
}

// ---------------------------------------------------------------- JSON-LD

const ORG_TYPES = new Set([
  "organization",
  "corporation",
  "company",
  "localbusiness",
  "onlinebusiness",
  "onlinestore",
  "store",
  "ngo",
  "professionalservice",
  "restaurant",
  "bakery",
  "airline",
  "educationalorganization",
  "governmentorganization",
  "medicalorganization",
  "newsmediaorganization",
  "sportsorganization",
  "nonprofit",
]);

function types(node: Record<string, unknown>): string[] {
  const t = node["@type"];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === "string").map((x) => x.replace(/^.*[/#:]/, "").toLowerCase());
}

function isOrganization(node: Record<string, unknown>): boolean {
  return types(node).some((t) => ORG_TYPES.has(t) || t.endsWith("organization"));
}

/** Tolerates what CMSs emit: CDATA wrappers, trailing commas, raw control characters inside strings. */
export function parseJsonLd(text: string): unknown {
  const body = text.replace(/^\s*(?:\/\/)?\s*<!\[CDATA\[/, "").replace(/(?:\/\/)?\s*\]\]>\s*$/, "").trim();
  if (!body) return null;
  try {
    return JSON.parse(body);
  } catch {
    try {
      return JSON.parse(body.replace(/[\u0000-\u001f]+/g, " ").replace(/,\s*([}\]])/g, "$1"));
    } catch {
      return null;
    }
  }
}

/** Every object in the document (arrays, @graph and nested values), depth-limited. */
function collectNodes(value: unknown, out: Record<string, unknown>[], depth = 0): void {
  if (depth > 8 || out.length > 500) return;
  if (Array.isArray(value)) {
    for (const v of value) collectNodes(v, out, depth + 1);
    return;
  }
  if (value && typeof value === "object") {
    const node = value as Record<string, unknown>;
    out.push(node);
    for (const v of Object.values(node)) if (v && typeof v === "object") collectNodes(v, out, depth + 1);
  }
}

function text(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) {
    for (const x of v) {
      const t = text(x);
      if (t) return t;
    }
    return null;
  }
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return text(o["@value"] ?? o.name ?? null);
  }
  return null;
}

function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return typeof o["@id"] === "string" ? [o["@id"]] : typeof o.url === "string" ? [o.url] : [];
  }
  return [];
}

function toCount(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return Math.round(v);
  if (typeof v === "string") {
    const n = Number(v.replace(/[,\s_]/g, ""));
    return Number.isFinite(n) ? Math.round(n) : null;
  }
  return null;
}

function employees(v: unknown): OrganizationFacts["employees"] {
  const exact = toCount(v);
  if (exact != null && exact >= 0) return { count: exact, exact: true };
  if (typeof v === "string") {
    const range = /^\s*([\d,]+)\s*(?:-|–|to)\s*([\d,]+)\s*$/.exec(v);
    if (range) {
      const lo = toCount(range[1]);
      const hi = toCount(range[2]);
      if (lo != null && hi != null && hi >= lo) return { count: Math.round((lo + hi) / 2), exact: false };
    }
    return null;
  }
  if (Array.isArray(v)) return employees(v[0]);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const value = toCount(o.value);
    if (value != null) return { count: value, exact: true };
    const lo = toCount(o.minValue);
    const hi = toCount(o.maxValue);
    if (lo != null && hi != null && hi >= lo) return { count: Math.round((lo + hi) / 2), exact: false };
    if (lo != null) return { count: lo, exact: false };
  }
  return null;
}

function country(address: unknown): string | null {
  const list = Array.isArray(address) ? address : [address];
  for (const a of list) {
    if (!a || typeof a !== "object") continue;
    const raw = text((a as Record<string, unknown>).addressCountry);
    const code = raw ? normaliseCountry(raw) : null;
    if (code) return code;
  }
  return null;
}

function organizationFrom(nodes: Record<string, unknown>[], pageHost: string | null): OrganizationFacts | null {
  let best: { facts: OrganizationFacts; score: number } | null = null;
  for (const node of nodes) {
    if (!isOrganization(node)) continue;
    const url = text(node.url);
    const facts: OrganizationFacts = {
      name: clean(text(node.name) ?? text(node.legalName), 200),
      description: clean(text(node.description)),
      url,
      sameAs: strings(node.sameAs).filter((s) => /^https?:\/\//i.test(s)),
      employees: employees(node.numberOfEmployees),
      country: country(node.address) ?? country(node.location && (node.location as Record<string, unknown>).address),
    };
    let score = [facts.name, facts.description, facts.employees, facts.country].filter(Boolean).length + (facts.sameAs.length ? 1 : 0);
    if (url && pageHost) {
      try {
        if (new URL(url).hostname.replace(/^www\./, "") === pageHost.replace(/^www\./, "")) score += 2;
      } catch {
        // A relative or broken url says nothing about whose organisation this is.
      }
    }
    if (!best || score > best.score) best = { facts, score };
  }
  return best?.facts ?? null;
}

// ---------------------------------------------------------------- the page

/** Scans a homepage for company facts. `baseUrl` resolves relative links and prefers the page's own organisation. */
export function extractPageFacts(html: string, baseUrl?: string): PageFacts {
  const { markup, jsonLd } = strip(html);
  const meta: Record<string, string> = {};
  const social: Partial<Record<SocialNetwork, string>> = {};
  const addSocial = (href: string | undefined) => {
    if (!href) return;
    const p = socialProfile(href, baseUrl);
    if (p && !social[p.network]) social[p.network] = p.url;
  };

  for (const m of markup.matchAll(/<(meta|a|link)\b([^<>]*)>/gi)) {
    const tag = m[1]!.toLowerCase();
    const attrs = parseAttributes(m[2] ?? "");
    if (tag === "meta") {
      const key = (attrs.property ?? attrs.name ?? attrs.itemprop ?? "").trim().toLowerCase();
      if (key && attrs.content != null && !(key in meta)) meta[key] = attrs.content;
    } else {
      addSocial(attrs.href);
    }
  }

  const nodes: Record<string, unknown>[] = [];
  for (const block of jsonLd) collectNodes(parseJsonLd(block), nodes);
  let pageHost: string | null = null;
  try {
    pageHost = baseUrl ? new URL(baseUrl).hostname : null;
  } catch {
    pageHost = null;
  }
  const organization = organizationFrom(nodes, pageHost);
  // sameAs is the organisation's own statement of its profiles: it wins over links found in the page.
  if (organization) {
    for (const s of organization.sameAs) {
      const p = socialProfile(s);
      if (p) social[p.network] = p.url;
    }
  }

  return {
    title: extractTitle(markup),
    description: clean(meta.description ?? meta["twitter:description"] ?? null),
    og: {
      title: clean(meta["og:title"] ?? null, 300),
      description: clean(meta["og:description"] ?? null),
      siteName: clean(meta["og:site_name"] ?? null, 200),
    },
    organization,
    social: Object.fromEntries(SOCIAL_NETWORKS.filter((n) => social[n]).map((n) => [n, social[n]!])) as PageFacts["social"],
  };
}

/** "Acme Bakery | Fresh bread in Leeds" → "Acme Bakery": the site-name part of a title, when it has one. */
const GENERIC_TITLE_PARTS = /^(home|homepage|home page|welcome|start|startseite|accueil|inicio|index|official site|official website|main page)$/i;

export function nameFromTitle(title: string): string | null {
  const parts = title
    .split(/\s+[|–—·•:-]\s+/)
    .map((p) => p.trim())
    .filter((p) => p && !GENERIC_TITLE_PARTS.test(p));
  if (parts.length === 0) return null;
  // Sites put their name first or last; the shorter end is more likely the name.
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  const pick = parts.length > 1 && last.length < first.length ? last : first;
  return pick.length <= 80 ? pick : null;
}
