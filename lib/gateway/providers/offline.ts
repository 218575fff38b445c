// The offline provider: answers every task from templates and the request's own inputs, deterministically, with no network.
// It must never claim to be a model, never invent facts about a company or a file, and never exceed a channel's length limit.
import "server-only";
import type { AiTask, ChatRequest, ChatResult, ProviderAdapter, StreamEvent } from "../types";
import { approxTokens, callContext, failureFrom, streamFailure } from "./http";

export const OFFLINE_MODEL = "offline-templates-v1";

/**
 * Maximum post length per channel, in the unit the channel counts (see `measureForChannel`).
 * - x / twitter 280: X Help Center, "Counting characters" (non-Premium posts; CJK and emoji weigh 2, URLs count 23).
 * - linkedin 3000: LinkedIn Posts API, `commentary` field.
 * - instagram 2200: Instagram Help Center / Graph API media `caption`.
 * - facebook 2000: Facebook allows 63,206 characters, but feeds fold long posts; 2000 is our practical cap.
 * - tiktok 2200: TikTok Content Posting API, `post_info.title` (max 2200 UTF-16 code units); the app now allows 4000.
 * - threads 500: Threads API, text posts.
 * - bluesky 300: app.bsky.feed.post lexicon, `text` maxGraphemes.
 * - mastodon 500: Mastodon's default `configuration.statuses.max_characters` (instances may raise it).
 * - pinterest 500: Pinterest API v5 pin `description`.
 * - email 2000: no protocol limit; a practical cap for a promotional body.
 * - email_subject 78: RFC 5322 §2.1.1 recommended line length; inboxes show ~40–60 characters.
 */
export const CHANNEL_LIMITS = {
  x: 280,
  twitter: 280,
  linkedin: 3000,
  instagram: 2200,
  facebook: 2000,
  tiktok: 2200,
  threads: 500,
  bluesky: 300,
  mastodon: 500,
  pinterest: 500,
  email: 2000,
  email_subject: 78,
} as const;

export type Channel = keyof typeof CHANNEL_LIMITS;
/** For a channel we do not know, stay within the strictest common limit. */
export const DEFAULT_CHANNEL_LIMIT = 280;
export const SUBJECT_LINE_LIMIT = CHANNEL_LIMITS.email_subject;
export const ALT_TEXT_LIMIT = 125;
export const HASHTAG_MAX_LENGTH = 30;

const CHANNEL_ALIASES: Record<string, Channel> = {
  x: "x",
  twitter: "x",
  xtwitter: "x",
  tweet: "x",
  linkedin: "linkedin",
  instagram: "instagram",
  ig: "instagram",
  facebook: "facebook",
  fb: "facebook",
  meta: "facebook",
  tiktok: "tiktok",
  threads: "threads",
  bluesky: "bluesky",
  bsky: "bluesky",
  mastodon: "mastodon",
  pinterest: "pinterest",
  email: "email",
  newsletter: "email",
  emailsubject: "email_subject",
};

const CHANNEL_NAMES: Record<Channel, string> = {
  x: "X",
  twitter: "X",
  linkedin: "LinkedIn",
  instagram: "Instagram",
  facebook: "Facebook",
  tiktok: "TikTok",
  threads: "Threads",
  bluesky: "Bluesky",
  mastodon: "Mastodon",
  pinterest: "Pinterest",
  email: "Email",
  email_subject: "Email subject",
};

/** The known channel a free-form name refers to ("X (Twitter)", "LinkedIn", "fb"), or undefined. */
export function normaliseChannel(name: string): Channel | undefined {
  const key = name.toLowerCase().replace(/[^a-z]/g, "");
  return CHANNEL_ALIASES[key] ?? (key.includes("twitter") ? "x" : undefined);
}

export function channelLimit(name: string): number {
  const ch = normaliseChannel(name);
  return ch ? CHANNEL_LIMITS[ch] : DEFAULT_CHANNEL_LIMIT;
}

/** X weighs code points outside Latin/general punctuation as 2 and every URL as 23 (twitter-text v3 config). */
function xWeight(cp: number): number {
  return cp <= 4351 || (cp >= 8192 && cp <= 8205) || (cp >= 8208 && cp <= 8223) || (cp >= 8242 && cp <= 8247) ? 1 : 2;
}

/** Length as the channel counts it: X's weighted count, otherwise UTF-16 code units (never less than code points). */
export function measureForChannel(channel: string, text: string): number {
  if (normaliseChannel(channel) !== "x") return text.length;
  let n = 0;
  const withoutUrls = text.replace(/https?:\/\/\S+/g, () => {
    n += 23;
    return "";
  });
  for (const ch of withoutUrls) n += xWeight(ch.codePointAt(0) ?? 0);
  return n;
}

// ---------------------------------------------------------------- determinism

/** JSON with sorted keys, so the same inputs hash the same whatever order the caller built them in. */
function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(",")}]`;
  if (v && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableStringify(x)}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

/** FNV-1a, 32 bits: tiny, stable across runs and platforms, good enough to pick a template. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

class Seed {
  constructor(private readonly base: string) {}
  int(salt: string, n: number): number {
    return n <= 0 ? 0 : fnv1a(`${this.base}|${salt}`) % n;
  }
  pick<T>(salt: string, items: readonly T[]): T {
    return items[this.int(salt, items.length)] as T;
  }
  shuffle<T>(salt: string, items: readonly T[]): T[] {
    return items
      .map((item, i) => ({ item, k: fnv1a(`${this.base}|${salt}|${i}`) }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.item);
  }
}

// ---------------------------------------------------------------- text helpers

const STOP_WORDS = new Set(
  (
    "a about above after again against all also am an and any are aren't as at be because been before being below between both but by " +
    "can can't cannot could couldn't did didn't do does doesn't doing don't down during each even ever every few for from further get gets " +
    "got had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how how's however i i'd " +
    "i'll i'm i've if in into is isn't it it's its itself just let let's like made make makes many may me might more most much must mustn't " +
    "my myself new no nor not now of off often on once one only or other ought our ours ourselves out over own per please put quite rather " +
    "really same say says see seen shan't she she'd she'll she's should shouldn't since so some such than that that's the their theirs them " +
    "themselves then there there's these they they'd they'll they're they've this those though through thus to too under until up upon us " +
    "use used using very via want was wasn't way we we'd we'll we're we've well were weren't what what's when when's where where's whether which " +
    "while who who's whom why why's will with within without won't would wouldn't yet you you'd you'll you're you've your yours yourself " +
    "yourselves able across already always among around back best better can could come day days done each else etc going good great include " +
    "includes including know last lot lots need needs next part put right still take takes thing things think time today top try two three " +
    "week year years"
  ).split(" "),
);

function clean(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

function capitalise(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
}

/** A word as a keyword (lower-cased, possessive trimmed), or undefined for stop-words, bare numbers and short words. */
function contentWord(raw: string): string | undefined {
  const w = raw
    .toLowerCase()
    .replace(/['’]s$/, "")
    .replace(/['’-]+$/, "");
  if (STOP_WORDS.has(w) || /^\d+$/.test(w)) return undefined;
  // Two-letter words only count when written as an acronym (AI, UX, PR).
  if (w.length < 3 && !(w.length === 2 && raw === raw.toUpperCase() && /\p{L}/u.test(raw))) return undefined;
  return w;
}

/** Content words in order of appearance. */
function contentWords(text: string): string[] {
  return words(text)
    .map(contentWord)
    .filter((w): w is string => w !== undefined);
}

/** Keywords ranked by frequency, ties broken by first appearance. */
function keywords(text: string, limit: number): string[] {
  const counts = new Map<string, { n: number; first: number }>();
  contentWords(text).forEach((w, i) => {
    const c = counts.get(w);
    if (c) c.n++;
    else counts.set(w, { n: 1, first: i });
  });
  return [...counts.entries()]
    .sort((a, b) => b[1].n - a[1].n || a[1].first - b[1].first)
    .slice(0, limit)
    .map(([w]) => w);
}

/** Cuts text to at most `max` units (as `measure` counts them) at a word boundary, ending in "…". */
function clip(text: string, max: number, measure: (s: string) => number = (s) => s.length): string {
  if (measure(text) <= max) return text;
  const points = Array.from(text);
  let budget = max - 1;
  for (let attempt = 0; attempt < 8 && budget > 0; attempt++) {
    let cut = "";
    for (const p of points) {
      if (measure(cut + p) > budget) break;
      cut += p;
    }
    const space = cut.lastIndexOf(" ");
    if (space > cut.length * 0.5) cut = cut.slice(0, space);
    const out = `${cut.replace(/[\s,;:.!?\-–—(]+$/, "")}…`;
    if (measure(out) <= max) return out;
    budget -= measure(out) - max;
  }
  return "";
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/)
    .map(clean)
    .filter((s) => words(s).length > 0);
}

function truncateWords(text: string, maxWords: number): string {
  const ws = text.split(/\s+/).filter(Boolean);
  if (ws.length <= maxWords) return text;
  return `${ws.slice(0, maxWords).join(" ").replace(/[,;:.!?\-–—]+$/, "")}…`;
}

/** Extractive summary: the sentences whose content words are most frequent in the whole text, in their original order. */
export function extractiveSummary(text: string, maxWords: number): string {
  const all = sentences(text);
  if (all.length === 0) return "";
  const freq = new Map<string, number>();
  for (const w of contentWords(text)) freq.set(w, (freq.get(w) ?? 0) + 1);
  const scored = all.map((s, i) => {
    const ws = contentWords(s);
    const score = ws.reduce((sum, w) => sum + (freq.get(w) ?? 0), 0) / Math.sqrt(Math.max(1, words(s).length));
    return { s, i, score: score + (i === 0 ? 0.5 : 0), n: words(s).length };
  });
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.i - b.i);
  const chosen: typeof scored = [];
  let used = 0;
  for (const c of ranked) {
    if (used + c.n > maxWords) continue;
    chosen.push(c);
    used += c.n;
  }
  if (chosen.length === 0) return truncateWords((ranked[0] as (typeof scored)[number]).s, maxWords);
  return chosen
    .sort((a, b) => a.i - b.i)
    .map((c) => c.s)
    .join(" ");
}

// ---------------------------------------------------------------- reading inputs

type Input = Record<string, unknown>;

function field(input: Input, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = input[k];
    if (typeof v === "string" && v.trim()) return clean(v);
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
    if (Array.isArray(v)) {
      const joined = v.filter((x): x is string => typeof x === "string" && x.trim() !== "").map(clean).join(", ");
      if (joined) return joined;
    }
  }
  return undefined;
}

function list(input: Input, ...keys: string[]): string[] {
  for (const k of keys) {
    const v = input[k];
    if (Array.isArray(v)) {
      const items = v.filter((x): x is string => typeof x === "string" && x.trim() !== "").map(clean);
      if (items.length) return items;
    }
    if (typeof v === "string" && v.trim()) return v.split(/[,\n;]+/).map(clean).filter(Boolean);
  }
  return [];
}

function numberField(input: Input, ...keys: string[]): number | undefined {
  for (const k of keys) {
    const v = input[k];
    const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
    if (Number.isFinite(n)) return n;
  }
  return undefined;
}

function lastUserMessage(req: ChatRequest): string {
  for (let i = req.messages.length - 1; i >= 0; i--) {
    const m = req.messages[i];
    if (m && m.role === "user" && m.content.trim()) return clean(m.content);
  }
  return "";
}

function conversationText(req: ChatRequest): string {
  return req.messages
    .filter((m) => m.role !== "system")
    .map((m) => m.content)
    .join("\n");
}

function joinList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

// ---------------------------------------------------------------- shared: topic, tone, hashtags

type Tone = "professional" | "friendly" | "playful" | "bold" | "informative" | "inspirational";
const TONES: Tone[] = ["professional", "friendly", "playful", "bold", "informative", "inspirational"];
const TONE_WORDS: Array<[RegExp, Tone]> = [
  [/casual|warm|friendly|conversational|approachable|relaxed/i, "friendly"],
  [/fun|witty|humou?r|playful|cheeky|quirky|light/i, "playful"],
  [/urgent|bold|confident|excit|energetic|punchy|direct/i, "bold"],
  [/educat|inform|neutral|helpful|explain|technical|factual/i, "informative"],
  [/inspir|motivat|aspir|uplift|emotional/i, "inspirational"],
  [/formal|professional|corporate|business|authoritative/i, "professional"],
];

function toneOf(input: Input, seed: Seed): Tone {
  const raw = field(input, "tone", "voice", "style");
  if (raw) for (const [re, tone] of TONE_WORDS) if (re.test(raw)) return tone;
  return seed.pick("tone", TONES);
}

function topicOf(input: Input, req: ChatRequest): string {
  const explicit = field(input, "topic", "product", "subject", "title", "headline", "campaignName", "campaign");
  if (explicit) return clip(explicit.replace(/[.!?]+$/, ""), 90);
  const first = sentences(lastUserMessage(req))[0];
  if (first) return clip(first.replace(/[.!?]+$/, ""), 90);
  return "our latest update";
}

/** Only used to reach the minimum of five when the input has too few keywords. */
const GENERIC_TAGS = ["marketing", "smallbusiness", "socialmedia", "branding", "community", "growth", "news", "tips"];

/**
 * Lower-case tags (letters and digits only): `lead` phrases first (e.g. the campaign name), then #tags already in the
 * text, then its keywords and two-word phrases that stand side by side in one sentence ("sourdough bread").
 */
function hashtagsFrom(text: string, count: number, seed: Seed, lead: string[] = []): string[] {
  const tags: string[] = [];
  const add = (raw: string) => {
    const t = raw
      .toLowerCase()
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(/[^\p{L}\p{N}]/gu, "");
    if (t.length < 2 || /^\d+$/.test(t)) return;
    const tag = `#${t}`.slice(0, HASHTAG_MAX_LENGTH);
    if (!tags.includes(tag)) tags.push(tag);
  };
  for (const l of lead) add(l);
  for (const m of text.match(/#[\p{L}\p{N}_]+/gu) ?? []) add(m);
  const ranked = keywords(text, 12);
  const pairs = new Map<string, number>();
  for (const sentence of sentences(text)) {
    const seq = words(sentence).map(contentWord);
    for (let i = 0; i + 1 < seq.length; i++) {
      const a = seq[i];
      const b = seq[i + 1];
      if (a && b && a !== b && ranked.includes(a) && ranked.includes(b)) pairs.set(a + b, (pairs.get(a + b) ?? 0) + 1);
    }
  }
  const topPairs = [...pairs.entries()].sort((x, y) => y[1] - x[1]).slice(0, 2);
  for (const w of ranked.slice(0, Math.max(3, count - topPairs.length))) add(w);
  for (const [p] of topPairs) add(p);
  for (const w of ranked) add(w);
  for (const g of seed.shuffle("generic-tags", GENERIC_TAGS)) {
    if (tags.length >= Math.min(5, count)) break;
    add(g);
  }
  return tags.slice(0, count);
}

// ---------------------------------------------------------------- copywriting

export interface Draft {
  channel: string;
  text: string;
  /** Length as the channel counts it. */
  characters: number;
  limit: number;
}

const HOOKS: Record<Tone, string[]> = {
  professional: ["Introducing {topic}.", "{Topic}: what it means for {audience}.", "Here is how {topic} can help {audience}.", "An update worth your time: {topic}."],
  friendly: ["Hey {audience}! Let's talk about {topic}.", "Good news: {topic} is here.", "We've been working on {topic}, and we think you'll love it.", "Quick one for {audience}: {topic}."],
  playful: ["Plot twist: {topic}.", "Ready for something fun? Say hello to {topic}.", "Psst, {audience}: {topic}.", "New obsession unlocked: {topic}."],
  bold: ["Stop scrolling: {topic} is here.", "Big news: {topic}.", "Don't miss this: {topic}.", "{Topic}. Now."],
  informative: ["A quick guide to {topic}.", "What you should know about {topic}.", "{Topic}, explained for {audience}.", "The short version: {topic}."],
  inspirational: ["Every big step starts somewhere. Ours: {topic}.", "Imagine what {audience} could do with {topic}.", "Built for what comes next: {topic}.", "Small steps, big change: {topic}."],
};

const AUDIENCE_LINES = ["Made with {audience} in mind.", "If you're part of {audience}, this one's for you.", "For {audience}, by people who get it."];
const CLOSERS: Record<Tone, string[]> = {
  professional: ["We'd value your perspective.", "Questions? Our team is happy to help."],
  friendly: ["Tell us what you think!", "We can't wait to hear what you think."],
  playful: ["You know you want to.", "Go on, take a look."],
  bold: ["Don't wait.", "Be first."],
  informative: ["Save this for later.", "Share it with someone who needs it."],
  inspirational: ["Let's build what's next, together.", "Your next step starts here."],
};
const DEFAULT_CTA: Record<Tone, string[]> = {
  professional: ["Learn more", "Read the details"],
  friendly: ["Take a look", "Come see what's new"],
  playful: ["Check it out", "Dive in"],
  bold: ["Act now", "Get started today"],
  informative: ["Read the full guide", "Learn more"],
  inspirational: ["Start today", "Take the first step"],
};

function fillTemplate(template: string, vars: { topic: string; audience?: string }): string | undefined {
  if (template.includes("{audience}") && !vars.audience) return undefined;
  return template
    .replace(/\{Topic\}/g, capitalise(vars.topic))
    .replace(/\{topic\}/g, vars.topic)
    .replace(/\{audience\}/g, vars.audience ?? "")
    .replace(/\.\./g, ".")
    .replace(/([!?])\./g, "$1");
}

function pickTemplate(seed: Seed, salt: string, templates: string[], vars: { topic: string; audience?: string }): string {
  const usable = templates.map((t) => fillTemplate(t, vars)).filter((t): t is string => !!t);
  return seed.pick(salt, usable);
}

/**
 * Joins blocks in order, dropping the least important (highest rank) until the text fits; rank 0 is never dropped,
 * and if rank-0 blocks alone are too long the text is clipped at a word boundary.
 */
function fitBlocks(blocks: Array<{ text: string; rank: number }>, sep: string, limit: number, measure: (s: string) => number): string {
  let kept = blocks.filter((b) => b.text);
  for (;;) {
    const text = kept.map((b) => b.text).join(sep);
    if (measure(text) <= limit) return text;
    const maxRank = Math.max(...kept.map((b) => b.rank));
    if (maxRank === 0) return clip(text, limit, measure);
    // Drop the last block of the highest rank first, so earlier (more specific) blocks survive longer.
    let idx = -1;
    kept.forEach((b, i) => {
      if (b.rank === maxRank) idx = i;
    });
    kept = kept.filter((_, i) => i !== idx);
  }
}

function buildDraft(channelName: string, input: Input, req: ChatRequest, seed: Seed): Draft {
  const channel = normaliseChannel(channelName);
  const limit = channel ? CHANNEL_LIMITS[channel] : DEFAULT_CHANNEL_LIMIT;
  const measure = (s: string) => measureForChannel(channelName, s);
  const tone = toneOf(input, seed);
  const topic = topicOf(input, req);
  const audience = field(input, "audience", "targetAudience", "persona");
  const vars = { topic, audience };
  const salt = `${channel ?? channelName}`;
  // An email already opens with "Hi …", so it skips hooks that greet the reader a second time.
  const hooks = channel === "email" ? HOOKS[tone].filter((h) => !/^(Hey|Psst|Quick one for)\b/.test(h)) : HOOKS[tone];
  const hook = pickTemplate(seed, `hook:${salt}`, hooks, vars);
  const cta = field(input, "callToAction", "cta") ?? seed.pick(`cta:${salt}`, DEFAULT_CTA[tone]);
  const link = field(input, "link", "url", "landingPage");
  const details = field(input, "details", "description", "message", "body", "keyMessage");
  const points = list(input, "keyPoints", "points", "benefits", "features");
  const audienceLine = audience ? pickTemplate(seed, `aud:${salt}`, AUDIENCE_LINES, vars) : "";
  const closer = seed.pick(`close:${salt}`, CLOSERS[tone]);
  const campaign = field(input, "campaignName", "campaign");
  const lead = campaign ? [campaign] : [];
  const tagSource = [topic, details, points.join(". "), field(input, "keywords")].filter(Boolean).join(". ");
  const ctaLine = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

  const short = channel === "x" || channel === "twitter" || channel === "threads" || channel === "bluesky" || channel === "mastodon" || !channel;
  const visual = channel === "instagram" || channel === "tiktok" || channel === "pinterest";
  let text: string;
  if (channel === "email") {
    const subject = subjectLines({ ...input, topic }, req, seed, 1)[0] ?? clip(topic, SUBJECT_LINE_LIMIT);
    text = fitBlocks(
      [
        { text: `Subject: ${subject}`, rank: 0 },
        { text: `Hi ${audience ? audience : "there"},`, rank: 0 },
        { text: hook, rank: 0 },
        { text: details ?? "", rank: 2 },
        { text: points.map((p) => `• ${p}`).join("\n"), rank: 3 },
        { text: link ? `${ctaLine(cta)} ${link}` : ctaLine(cta), rank: 0 },
        { text: closer, rank: 4 },
      ],
      "\n\n",
      limit,
      measure,
    );
  } else if (short) {
    const tags = hashtagsFrom(tagSource, 2, seed, lead);
    text = fitBlocks(
      [
        { text: hook, rank: 0 },
        { text: details ? clip(details, 140) : "", rank: 3 },
        { text: link ? `${ctaLine(cta)} ${link}` : ctaLine(cta), rank: 1 },
        { text: tags.join(" "), rank: 2 },
      ],
      "\n\n",
      limit,
      measure,
    );
  } else if (visual) {
    const tags = hashtagsFrom(tagSource, 8, seed, lead);
    text = fitBlocks(
      [
        { text: hook, rank: 0 },
        { text: audienceLine, rank: 4 },
        { text: details ?? "", rank: 3 },
        { text: points.map((p) => `✔ ${p}`).join("\n"), rank: 5 },
        { text: link ? `${ctaLine(cta)} Link in bio.` : ctaLine(cta), rank: 1 },
        { text: tags.join(" "), rank: 2 },
      ],
      "\n\n",
      limit,
      measure,
    );
  } else {
    const tags = hashtagsFrom(tagSource, 3, seed, lead);
    text = fitBlocks(
      [
        { text: hook, rank: 0 },
        { text: audienceLine, rank: 4 },
        { text: details ?? "", rank: 3 },
        { text: points.map((p) => `• ${p}`).join("\n"), rank: 5 },
        { text: closer, rank: 6 },
        { text: link ? `${ctaLine(cta)} ${link}` : ctaLine(cta), rank: 1 },
        { text: tags.join(" "), rank: 2 },
      ],
      "\n\n",
      limit,
      measure,
    );
  }
  return { channel: channel ?? channelName, text, characters: measure(text), limit };
}

function copywriting(input: Input, req: ChatRequest, seed: Seed): { drafts: Draft[] } {
  const named = [...list(input, "channels", "platforms"), ...list(input, "channel", "platform")];
  const seen = new Set<string>();
  const channels = (named.length ? named : ["linkedin", "x", "instagram"]).filter((c) => {
    const key = normaliseChannel(c) ?? c.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { drafts: channels.map((c) => buildDraft(c, input, req, seed)) };
}

function copywritingText(out: { drafts: Draft[] }): string {
  if (out.drafts.length === 1) return out.drafts[0]?.text ?? "";
  return out.drafts.map((d) => `${CHANNEL_NAMES[d.channel as Channel] ?? d.channel}:\n${d.text}`).join("\n\n");
}

// ---------------------------------------------------------------- subject lines

const SUBJECTS: Record<Tone, string[]> = {
  professional: ["{Topic}: what {audience} need to know", "An update on {topic}", "{Topic}, at a glance", "A closer look at {topic}"],
  friendly: ["Quick question about {topic}", "We think you'll like this: {topic}", "{Audience}, this one's for you", "Something new: {topic}"],
  playful: ["Ideas worth stealing: {topic}", "Psst… {topic}", "You, us and {topic}", "Guess what? {topic}"],
  bold: ["Don't miss this: {topic}", "Big news: {topic}", "Now's the time: {topic}", "{Topic} is here"],
  informative: ["Your quick guide to {topic}", "{Topic}, explained", "What's new with {topic}", "{Topic} in brief"],
  inspirational: ["Why {topic} matters now", "Your next step: {topic}", "Imagine {topic}", "Start something new with {topic}"],
};
const SHARED_SUBJECTS = ["New for {audience}: {topic}", "{Topic}: what you need to know", "Here's what's new: {topic}", "Inside {topic}"];

/** Five (or `count`) distinct subject lines of at most 78 characters, tone first, then shared templates. */
function subjectLines(input: Input, req: ChatRequest, seed: Seed, count = 5): string[] {
  const tone = toneOf(input, seed);
  const rawTopic = topicOf(input, req);
  const audience = field(input, "audience", "targetAudience", "persona");
  const templates = [...seed.shuffle("subjects", SUBJECTS[tone]), ...seed.shuffle("shared", SHARED_SUBJECTS), ...TONES.flatMap((t) => SUBJECTS[t])];
  const out: string[] = [];
  for (const t of templates) {
    if (out.length >= count) break;
    if (t.includes("{audience}") && !audience) continue;
    if (/\{Audience\}/.test(t) && !audience) continue;
    // Shorten the topic (never the template's wording) until the whole line fits.
    const frame = t.replace(/\{Audience\}/g, capitalise(audience ?? "")).replace(/\{audience\}/g, audience ?? "");
    const room = SUBJECT_LINE_LIMIT - frame.replace(/\{[Tt]opic\}/g, "").length;
    if (room < 12) continue;
    const topic = clip(rawTopic, room);
    const line = clean(frame.replace(/\{Topic\}/g, capitalise(topic)).replace(/\{topic\}/g, topic));
    if (line.length <= SUBJECT_LINE_LIMIT && !out.includes(line)) out.push(line);
  }
  return out;
}

// ---------------------------------------------------------------- enrichment

function domainOf(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const d = raw
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, "")
    .replace(/^www\./, "")
    .replace(/[/?#].*$/, "")
    .trim();
  return d || undefined;
}

interface Enrichment {
  summary: string;
  companyName: string;
  domain: string;
  industry: string;
  description: string;
}

function enrichment(input: Input): Enrichment {
  const name = field(input, "companyName", "company", "name");
  const domain = domainOf(field(input, "domain", "website", "url"));
  const title = field(input, "title", "pageTitle");
  const description = field(input, "description", "metaDescription", "about");
  const industry = field(input, "industry", "sector");
  const subject = name && domain ? `${name} (${domain})` : name ? name : domain ? `The company at ${domain}` : "This company";
  const s1 = industry ? `${subject} is a company in the ${industry} industry.` : `${subject} is a company whose industry is unknown.`;
  const desc = description ? clip(sentences(description).slice(0, 2).join(" "), 240) : undefined;
  const s2 = desc
    ? `Its website describes it as: "${desc.replace(/"/g, "'")}"`
    : title
      ? `Its website title reads "${clip(title, 120).replace(/"/g, "'")}"; what it sells and who it serves is unknown.`
      : "What it sells and who it serves is unknown.";
  const s3 = "This summary uses only the supplied company details; nothing else was looked up.";
  const s2End = /[.!?"]$/.test(s2) ? s2 : `${s2}.`;
  return {
    summary: `${s1} ${s2End} ${s3}`,
    companyName: name ?? "unknown",
    domain: domain ?? "unknown",
    industry: industry ?? "unknown",
    description: desc ?? "unknown",
  };
}

// ---------------------------------------------------------------- alt text

const KIND_LABELS: Record<string, string> = {
  photo: "Photo",
  photograph: "Photo",
  illustration: "Illustration",
  drawing: "Illustration",
  logo: "Logo",
  screenshot: "Screenshot",
  video: "Video",
  graphic: "Graphic",
  banner: "Banner",
  icon: "Icon",
  chart: "Chart",
  infographic: "Infographic",
  gif: "Animated GIF",
};

const FILE_NOISE = /^(img|image|dsc|dscn|dcim|pxl|mvimg|photo|pic|screenshot|screen|shot|final|copy|edited|edit|v\d+|draft|untitled|export|scaled|large|small|thumb|thumbnail|\d+x\d+)$/i;

function fileNameWords(fileName: string | undefined): string[] {
  if (!fileName) return [];
  const base = fileName.replace(/^.*[/\\]/, "").replace(/\.[a-z0-9]{2,5}$/i, "");
  return base
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .split(/[\s_.\-+()[\]]+/)
    .filter((w) => w && !FILE_NOISE.test(w) && !/\d/.test(w) && !/^[0-9a-f]{8,}$/i.test(w))
    .map((w) => w.toLowerCase());
}

const PALETTE: Array<[string, number, number, number]> = [
  ["black", 0, 0, 0],
  ["white", 255, 255, 255],
  ["grey", 128, 128, 128],
  ["red", 210, 40, 40],
  ["orange", 240, 140, 30],
  ["yellow", 240, 220, 40],
  ["green", 50, 160, 60],
  ["teal", 0, 128, 128],
  ["blue", 40, 90, 210],
  ["navy", 20, 30, 90],
  ["purple", 120, 60, 170],
  ["pink", 240, 130, 180],
  ["brown", 120, 75, 40],
  ["beige", 225, 205, 170],
];

/** A colour name for "#1e90ff"-style input; names pass through lower-cased. */
function colourName(raw: string): string {
  const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(raw.trim());
  if (!hex) return raw.trim().toLowerCase();
  let h = hex[1] as string;
  if (h.length === 3) h = h.replace(/(.)/g, "$1$1");
  const r = parseInt(h.slice(0, 2), 16);
  const g = parseInt(h.slice(2, 4), 16);
  const b = parseInt(h.slice(4, 6), 16);
  let best = "grey";
  let bestD = Infinity;
  for (const [name, pr, pg, pb] of PALETTE) {
    const d = (r - pr) ** 2 + (g - pg) ** 2 + (b - pb) ** 2;
    if (d < bestD) {
      bestD = d;
      best = name;
    }
  }
  return best;
}

function altText(input: Input): string {
  const kindRaw = (field(input, "kind", "type", "mimeType") ?? "").toLowerCase();
  const kindKey = Object.keys(KIND_LABELS).find((k) => kindRaw.includes(k)) ?? (kindRaw.startsWith("video/") ? "video" : undefined);
  const kind = kindKey ? KIND_LABELS[kindKey] : undefined;
  const tags = list(input, "tags", "labels", "keywords").map((t) => t.toLowerCase());
  const subjects = [...new Set(tags.length ? tags : fileNameWords(field(input, "fileName", "filename", "name")))];
  const colours = [...new Set(list(input, "dominantColours", "dominantColors", "colours", "colors").map(colourName))].slice(0, 3);
  const width = numberField(input, "width");
  const height = numberField(input, "height");
  const orientation =
    width && height && width > 0 && height > 0 ? (width / height > 1.2 ? "landscape" : width / height < 0.83 ? "portrait" : "square") : undefined;

  const build = (nSubjects: number, withColours: boolean, withOrientation: boolean): string => {
    const subj = joinList(subjects.slice(0, nSubjects));
    let text: string;
    if (subj) text = kind ? `${kind} of ${subj}` : capitalise(subj);
    else text = `${kind ?? "Image"} with no description available`;
    if (withColours && colours.length) text += `, in ${joinList(colours)} tones`;
    if (withOrientation && orientation) text += `, ${orientation} format`;
    return `${text}.`;
  };
  for (let n = Math.min(subjects.length, 5); n >= 1; n--) {
    for (const [c, o] of [
      [true, true],
      [true, false],
      [false, false],
    ] as const) {
      const t = build(n, c, o);
      if (t.length <= ALT_TEXT_LIMIT) return t;
    }
  }
  const fallback = build(subjects.length ? 1 : 0, true, true);
  return clip(fallback, ALT_TEXT_LIMIT);
}

// ---------------------------------------------------------------- chat

function chatReply(req: ChatRequest, unknownTask: boolean): { reply: string; summary: string } {
  const last = lastUserMessage(req);
  const summary = last ? extractiveSummary(last, 30) : "";
  const parts = [
    "No AI provider is configured or reachable for this request, so AICMO's offline provider answered with a template instead of a language model.",
    unknownTask ? "It has no template for this kind of task." : "",
    summary ? `Your message, in short: "${summary.replace(/"/g, "'")}"` : "Your message was empty.",
    "Add an OpenAI, Anthropic or Gemini key in the workspace's AI settings to get generated answers.",
  ];
  return { reply: parts.filter(Boolean).join(" "), summary };
}

// ---------------------------------------------------------------- the adapter

interface OfflineAnswer {
  text: string;
  json: unknown;
}

/** Builds the answer for a request; exported so product code and tests can see the structured shape directly. */
export function offlineAnswer(req: ChatRequest): OfflineAnswer {
  const input: Input = req.input ?? {};
  const task: AiTask | undefined = req.task;
  const seed = new Seed(stableStringify({ task: task ?? null, input, messages: req.messages.filter((m) => m.role !== "system") }));
  switch (task) {
    case "copywriting": {
      const out = copywriting(input, req, seed);
      return { text: copywritingText(out), json: out };
    }
    case "subject_lines": {
      const lines = subjectLines(input, req, seed, 5);
      return { text: lines.join("\n"), json: { subjectLines: lines } };
    }
    case "hashtags": {
      const source = [field(input, "text", "content", "caption", "body"), field(input, "topic", "title"), field(input, "description"), field(input, "keywords"), lastUserMessage(req)]
        .filter(Boolean)
        .join(". ");
      const count = Math.min(10, Math.max(5, Math.round(numberField(input, "count", "max") ?? 8)));
      const campaign = field(input, "campaignName", "campaign");
      const hashtags = hashtagsFrom(source, count, seed, campaign ? [campaign] : []);
      return { text: hashtags.join(" "), json: { hashtags } };
    }
    case "enrichment": {
      const out = enrichment(input);
      return { text: out.summary, json: out };
    }
    case "summarise": {
      const source = field(input, "text", "content", "body", "transcript") ?? conversationText(req);
      const maxWords = Math.min(500, Math.max(10, Math.round(numberField(input, "maxWords", "words") ?? 60)));
      const summary = extractiveSummary(source, maxWords) || "There was no text to summarise.";
      return { text: summary, json: { summary } };
    }
    case "alt_text": {
      const alt = altText(input);
      return { text: alt, json: { altText: alt } };
    }
    default: {
      const out = chatReply(req, task !== undefined && task !== "chat");
      return { text: out.reply, json: out };
    }
  }
}

/** Word-sized pieces that concatenate back to the text exactly. */
function wordDeltas(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
}

function complete(req: ChatRequest): ChatResult {
  const answer = offlineAnswer(req);
  let text = req.json ? JSON.stringify(answer.json) : answer.text;
  let finishReason = "stop";
  // Honour maxTokens like a model would, except in JSON mode where a cut answer would not parse.
  if (!req.json && req.maxTokens !== undefined && approxTokens(text) > req.maxTokens) {
    text = clip(text, Math.max(1, req.maxTokens * 4));
    finishReason = "length";
  }
  const inputText = req.messages.map((m) => m.content).join("\n") + (req.input ? JSON.stringify(req.input) : "");
  return {
    text,
    model: OFFLINE_MODEL,
    usage: { inputTokens: approxTokens(inputText), outputTokens: approxTokens(text) },
    finishReason,
    offline: true,
  };
}

export const offlineAdapter: ProviderAdapter = {
  kind: "offline",

  async chat(cfg, req, signal) {
    if (signal.aborted) throw failureFrom(signal.reason, callContext("offline", cfg, signal));
    return complete(req);
  },

  async *stream(cfg, req, signal): AsyncGenerator<StreamEvent> {
    const ctx = callContext("offline", cfg, signal);
    if (signal.aborted) throw failureFrom(signal.reason, ctx);
    const result = complete(req);
    let started = false;
    for (const piece of wordDeltas(result.text)) {
      // Let the event loop breathe between words so a cancel can land mid-answer, as with a real stream.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (signal.aborted) throw streamFailure(signal.reason, ctx, started);
      started = true;
      yield { type: "delta", text: piece };
    }
    yield { type: "done", model: result.model, usage: result.usage, finishReason: result.finishReason, offline: true };
  },
};
