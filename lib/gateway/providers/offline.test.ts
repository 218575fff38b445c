// The offline provider: every task answers within its limits, JSON mode parses, output is deterministic yet follows the input, and is marked offline.
// No network and no mocks: the provider must never need either.
import { describe, expect, it } from "vitest";
import { collect } from "@/tests/mock-vendors/adapter-conformance";
import { AI_TASKS, type AiTask, type ChatRequest, type ProviderConfig } from "../types";
import { CHANNEL_LIMITS, measureForChannel, OFFLINE_MODEL, offlineAdapter } from "./offline";

const cfg: ProviderConfig = { kind: "offline", baseUrl: "", model: OFFLINE_MODEL };
const signal = () => AbortSignal.timeout(5000);
const ask = (task: AiTask | undefined, input: Record<string, unknown> = {}, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: "",
  messages: [],
  task,
  input,
  ...extra,
});
const chat = (r: ChatRequest) => offlineAdapter.chat(cfg, r, signal());
const json = async (r: ChatRequest) => JSON.parse((await chat({ ...r, json: true })).text) as Record<string, unknown>;

const LONG = "Our award-winning sourdough is fermented for forty-eight hours before baking. ".repeat(60);
const bakery = {
  topic: "our new sourdough subscription",
  tone: "friendly",
  audience: "busy parents",
  callToAction: "Subscribe today",
  campaignName: "Autumn Bake Off",
  link: "https://bakery.example/subscribe",
};
/** One representative input per task, used by the cross-task checks. */
const SAMPLES: Record<AiTask, ChatRequest> = {
  copywriting: ask("copywriting", { ...bakery, channels: ["x", "linkedin"] }),
  subject_lines: ask("subject_lines", { topic: "our new sourdough subscription", audience: "busy parents", tone: "friendly" }),
  hashtags: ask("hashtags", { text: "Fresh sourdough bread every morning. Sourdough lovers will enjoy our rye bread." }),
  enrichment: ask("enrichment", { companyName: "Acme Bakery", domain: "acmebakery.example", industry: "Food & Beverage", description: "Organic sourdough, baked in Leeds." }),
  summarise: ask("summarise", { text: "Opens rose 12% this month. Clicks were flat. The new subject lines drove the gain.", maxWords: 20 }),
  alt_text: ask("alt_text", { fileName: "beach-sunset.jpg", dominantColours: ["#1e90ff", "orange"], width: 1600, height: 900, kind: "photo" }),
  chat: ask("chat", {}, { messages: [{ role: "user", content: "Plan our Q4 bakery campaigns on a small budget." }] }),
};

describe("offline provider: every task", () => {
  it.each(AI_TASKS)("%s answers with non-empty text, marked offline, with approximate usage", async (task) => {
    const req = SAMPLES[task];
    const r = await chat(req);
    expect(r.text.trim().length).toBeGreaterThan(0);
    expect(r).toMatchObject({ offline: true, model: OFFLINE_MODEL, finishReason: "stop" });
    expect(r.usage.outputTokens).toBe(Math.ceil(r.text.length / 4));
    const inputChars = req.messages.map((m) => m.content).join("\n").length + JSON.stringify(req.input).length;
    expect(r.usage.inputTokens).toBe(Math.ceil(inputChars / 4));
  });

  it.each(AI_TASKS)("%s is deterministic, ignores key order, and changes when the input changes", async (task) => {
    const req = SAMPLES[task];
    const a = await chat(req);
    const b = await chat({ ...req, input: Object.fromEntries(Object.entries(req.input ?? {}).reverse()) });
    expect(b.text).toBe(a.text);
    const changed: ChatRequest =
      task === "chat"
        ? { ...req, messages: [{ role: "user", content: "Which email subject line worked best for the spring sale?" }] }
        : { ...req, input: { ...req.input, topic: "a spring gardening workshop", text: "Tomatoes and basil grow well together. Water tomatoes daily.", fileName: "garden-tomatoes.png", tags: ["tomatoes", "garden"], companyName: "Green Thumb Ltd", domain: "greenthumb.example" } };
    expect((await chat(changed)).text).not.toBe(a.text);
  });

  const SHAPES: Record<AiTask, Record<string, unknown>> = {
    copywriting: { drafts: expect.arrayContaining([expect.objectContaining({ channel: "x", text: expect.any(String), characters: expect.any(Number), limit: 280 })]) },
    subject_lines: { subjectLines: expect.arrayContaining([expect.any(String)]) },
    hashtags: { hashtags: expect.arrayContaining([expect.stringMatching(/^#/)]) },
    enrichment: { summary: expect.any(String), companyName: "Acme Bakery", domain: "acmebakery.example", industry: "Food & Beverage" },
    summarise: { summary: expect.any(String) },
    alt_text: { altText: expect.any(String) },
    chat: { reply: expect.any(String), summary: expect.any(String) },
  };

  it.each(AI_TASKS)("%s in JSON mode returns valid JSON of its documented shape", async (task) => {
    const r = await chat({ ...SAMPLES[task], json: true });
    expect(JSON.parse(r.text)).toMatchObject(SHAPES[task]);
    // A JSON Schema request gets the same documented shape: templates cannot follow arbitrary schemas.
    const schema = await chat({ ...SAMPLES[task], json: { name: "x", schema: { type: "object" } } });
    expect(JSON.parse(schema.text)).toMatchObject(SHAPES[task]);
  });

  it("streams the same text in word-sized deltas, then one done marked offline", async () => {
    for (const task of AI_TASKS) {
      const req = SAMPLES[task];
      const whole = await chat(req);
      const s = await collect(offlineAdapter.stream(cfg, req, signal()));
      expect(s.error).toBeUndefined();
      expect(s.deltas.join("")).toBe(whole.text);
      expect(s.deltas.length).toBeGreaterThan(3);
      for (const d of s.deltas) expect(d.trim().split(/\s+/)).toHaveLength(1);
      expect(s.events.at(-1)).toEqual({ type: "done", model: OFFLINE_MODEL, usage: whole.usage, finishReason: "stop", offline: true });
    }
  });

  it("honours maxTokens outside JSON mode by cutting the answer and saying so", async () => {
    const r = await chat({ ...SAMPLES.chat, maxTokens: 10 });
    expect(r.text.length).toBeLessThanOrEqual(40);
    expect(r.finishReason).toBe("length");
  });

  it("lets the caller cancel a stream, propagating the caller's abort", async () => {
    const ac = new AbortController();
    const seen: string[] = [];
    let error: unknown;
    try {
      for await (const ev of offlineAdapter.stream(cfg, SAMPLES.chat, ac.signal)) {
        if (ev.type === "delta") seen.push(ev.text);
        if (seen.length === 2) ac.abort();
      }
    } catch (e) {
      error = e;
    }
    expect(seen).toHaveLength(2);
    expect((error as Error).name).toBe("AbortError");
  });
});

describe("offline copywriting", () => {
  const channels = Object.keys(CHANNEL_LIMITS).filter((c) => c !== "email_subject");

  it("writes one draft per requested channel, each within the channel's limit, even from oversized inputs", async () => {
    const out = await json(
      ask("copywriting", {
        ...bakery,
        topic: LONG,
        details: LONG,
        keyPoints: Array.from({ length: 40 }, (_, i) => `Benefit number ${i + 1} of the subscription, explained at length`),
        channels: [...channels, "Some New Network"],
      }),
    );
    const drafts = out.drafts as Array<{ channel: string; text: string; characters: number; limit: number }>;
    expect(drafts.map((d) => d.channel)).toEqual([...channels.filter((c) => c !== "twitter"), "Some New Network"]);
    for (const d of drafts) {
      expect(d.characters).toBe(measureForChannel(d.channel, d.text));
      expect(d.characters).toBeLessThanOrEqual(d.limit);
      expect(d.text.length).toBeGreaterThan(20);
    }
    expect(drafts.find((d) => d.channel === "x")?.limit).toBe(280);
    expect(drafts.find((d) => d.channel === "Some New Network")?.limit).toBe(280);
  });

  it("uses the inputs: topic, audience, call to action, link and a campaign hashtag", async () => {
    const out = await json(ask("copywriting", { ...bakery, channel: "linkedin" }));
    const [draft] = out.drafts as Array<{ channel: string; text: string }>;
    expect(draft?.channel).toBe("linkedin");
    expect(draft?.text).toContain("our new sourdough subscription");
    expect(draft?.text).toContain("busy parents");
    expect(draft?.text).toContain("Subscribe today");
    expect(draft?.text).toContain("https://bakery.example/subscribe");
    expect(draft?.text).toContain("#autumnbakeoff");
  });

  it("counts X posts the way X does: URLs as 23 and wide characters as 2", () => {
    expect(measureForChannel("x", "see https://example.com/a/very/long/path/that/is/more/than/23")).toBe(4 + 23);
    expect(measureForChannel("twitter", "日本")).toBe(4);
    expect(measureForChannel("linkedin", "日本")).toBe(2);
  });

  it("keeps CJK drafts for X within X's weighted limit", async () => {
    const out = await json(ask("copywriting", { topic: "新しいサワードウの定期便".repeat(30), channel: "x" }));
    const [draft] = out.drafts as Array<{ text: string; characters: number }>;
    expect(measureForChannel("x", draft?.text ?? "")).toBeLessThanOrEqual(280);
  });
});

describe("offline subject lines, hashtags, enrichment, summaries, alt text, chat", () => {
  it("subject_lines: five distinct lines of at most 78 characters that mention the topic", async () => {
    for (const topic of ["our new sourdough subscription", LONG]) {
      const out = await json(ask("subject_lines", { topic, audience: "busy parents", tone: "bold" }));
      const lines = out.subjectLines as string[];
      expect(lines).toHaveLength(5);
      expect(new Set(lines).size).toBe(5);
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(78);
      expect(lines.filter((l) => /sourdough/i.test(l)).length).toBeGreaterThanOrEqual(3);
    }
  });

  it("hashtags: 5–10 lower-case tags of at most 30 characters from the text's keywords, no stop-words", async () => {
    const out = await json(SAMPLES.hashtags);
    const tags = out.hashtags as string[];
    expect(tags.length).toBeGreaterThanOrEqual(5);
    expect(tags.length).toBeLessThanOrEqual(10);
    for (const t of tags) {
      expect(t).toMatch(/^#[\p{Ll}\p{N}]+$/u);
      expect(t.length).toBeLessThanOrEqual(30);
    }
    expect(tags[0]).toBe("#sourdough");
    expect(tags).toContain("#bread");
    expect(tags).toContain("#sourdoughbread");
    expect(tags).not.toContain("#every");
    expect(tags).not.toContain("#our");
  });

  it("hashtags: still five from a tiny input, and respects a requested count", async () => {
    expect(((await json(ask("hashtags", { text: "Sourdough" }))).hashtags as string[]).length).toBe(5);
    const ten = (await json(ask("hashtags", { text: LONG + " Pumpkin rye loaves, croissants, baguettes, brioche and cinnamon buns.", count: 12 }))).hashtags as string[];
    expect(ten).toHaveLength(10);
    for (const t of ten) expect(t.length).toBeLessThanOrEqual(30);
  });

  it("enrichment: states only what was given and says unknown for the rest", async () => {
    const full = await json(SAMPLES.enrichment);
    expect(full).toMatchObject({ companyName: "Acme Bakery", domain: "acmebakery.example", industry: "Food & Beverage" });
    const summary = full.summary as string;
    expect(summary).toContain("Acme Bakery");
    expect(summary).toContain("Food & Beverage");
    expect(summary).toContain("Organic sourdough, baked in Leeds.");
    const sentenceCount = summary.split(/(?<=[.!?"])\s+(?=[A-Z])/).length;
    expect(sentenceCount).toBeGreaterThanOrEqual(2);
    expect(sentenceCount).toBeLessThanOrEqual(3);

    const sparse = await json(ask("enrichment", { domain: "https://www.example.org/about" }));
    expect(sparse).toMatchObject({ companyName: "unknown", domain: "example.org", industry: "unknown", description: "unknown" });
    expect(sparse.summary).toMatch(/unknown/);
    expect(sparse.summary).not.toMatch(/leading|innovative|founded|award/i);
  });

  it("summarise: picks the most central sentences, in order, within the word budget", async () => {
    const text =
      "The spring campaign launched on Monday. Email click-through rates rose after the campaign launched. " +
      "The office coffee machine was repaired. The campaign's email subject lines drove the click-through gains. " +
      "Budget stays the same.";
    const out = await json(ask("summarise", { text, maxWords: 25 }));
    const summary = out.summary as string;
    expect(summary.split(/\s+/).length).toBeLessThanOrEqual(25);
    expect(summary).toContain("The campaign's email subject lines drove the click-through gains.");
    expect(summary).not.toContain("coffee machine");
    for (const s of summary.split(/(?<=\.)\s+/)) expect(text).toContain(s);
  });

  it("summarise: falls back to the conversation when there is no input text", async () => {
    const r = await chat(ask("summarise", {}, { messages: [{ role: "user", content: "Our webinar had 300 signups. Most came from LinkedIn." }] }));
    expect(r.text).toContain("300 signups");
  });

  it("alt_text: at most 125 characters, built from tags or a descriptive file name, colours and shape", async () => {
    const fromFile = (await json(SAMPLES.alt_text)).altText as string;
    expect(fromFile).toBe("Photo of beach and sunset, in blue and orange tones, landscape format.");
    const many = (await json(
      ask("alt_text", {
        tags: ["a woman working on a laptop", "a busy coffee shop", "a latte with heart-shaped foam art", "rain on the window", "a small dog asleep"],
        dominantColours: ["brown", "white", "#222222"],
        width: 800,
        height: 1200,
      }),
    )).altText as string;
    expect(many.length).toBeLessThanOrEqual(125);
    expect(many).toMatch(/^A woman working on a laptop, a busy coffee shop/);
    const nothing = (await json(ask("alt_text", { fileName: "IMG_20240101_1234.jpg" }))).altText as string;
    expect(nothing).toMatch(/no description available/);
  });

  it("chat and unknown tasks: an honest reply that no provider answered, with a summary of the last user message", async () => {
    const r = await chat(SAMPLES.chat);
    expect(r.text).toMatch(/No AI provider is configured/);
    expect(r.text).toMatch(/offline provider/);
    expect(r.text).toContain("Plan our Q4 bakery campaigns on a small budget.");
    const noTask = await json(ask(undefined, {}, { messages: [{ role: "user", content: "What is our best channel?" }] }));
    expect(noTask.reply).toMatch(/offline provider/);
    expect(noTask.summary).toBe("What is our best channel?");
  });
});
