// Email analysis: free-mail vs corporate vs disposable (from the maintained list packages), role accounts, a name guess
// from the local part, and the company domain of a corporate address. Pure; a guess always carries a low confidence.
import disposableDomains from "disposable-email-domains";
import disposableWildcards from "disposable-email-domains/wildcard.json";
import freeEmailDomains from "free-email-domains";
import { normaliseDomain } from "@/lib/crm/normalize";
import type { Candidate, EnrichmentProvider } from "./types";

export type EmailType = "corporate" | "free" | "disposable";

const DISPOSABLE = new Set<string>(disposableDomains as string[]);
const DISPOSABLE_WILDCARDS = disposableWildcards as string[];
const FREE = new Set<string>(freeEmailDomains as string[]);

/** Shared mailboxes: nobody's name is in them, and they rarely read marketing. */
export const ROLE_LOCAL_PARTS = new Set([
  "info",
  "information",
  "sales",
  "support",
  "admin",
  "administrator",
  "noreply",
  "no-reply",
  "no_reply",
  "donotreply",
  "do-not-reply",
  "do_not_reply",
  "hello",
  "hi",
  "contact",
  "contactus",
  "office",
  "team",
  "marketing",
  "billing",
  "accounts",
  "accounting",
  "help",
  "helpdesk",
  "webmaster",
  "postmaster",
  "hostmaster",
  "abuse",
  "security",
  "privacy",
  "legal",
  "hr",
  "jobs",
  "careers",
  "recruiting",
  "press",
  "media",
  "pr",
  "enquiries",
  "inquiries",
  "enquiry",
  "service",
  "services",
  "customerservice",
  "orders",
  "order",
  "newsletter",
  "news",
  "mail",
  "mailer-daemon",
  "feedback",
  "partners",
  "partnerships",
  "finance",
  "invoices",
  "invoice",
  "payments",
  "reception",
  "bookings",
  "booking",
  "reservations",
  "shop",
  "store",
  "all",
  "everyone",
  "staff",
  "ops",
  "it",
  "dev",
  "root",
  "kontakt",
  "vertrieb",
  "verkauf",
  "buero",
  "bureau",
  "ventas",
  "contacto",
  "contato",
]);

/** Common given names across languages: they tell "jane" (a first name) from "jdoe" (an initial and a surname). */
const FIRST_NAMES = new Set(
  (
    "aaron adam adrian aisha alan alex alexander alexandra alice alicia amanda amy ana andrea andreas andrew angela anna anne anthony " +
    "antonio ben benjamin bernd beth brian carla carlos carmen caroline catherine charles charlie chloe chris christian christina christine " +
    "christopher claire clara daniel david diana diego dominik edward elena elizabeth ella emily emma eric erik eva fatima felix fernando " +
    "florian francesca francesco francisco frank gabriel george grace hannah hans harry helen henry isabel isabella jack jacob james jan " +
    "jane jason javier jean jennifer jessica joe johannes john jonas jonathan jorge jose joseph juan julia julian julie justin karen karl " +
    "kate katie kevin klaus laura lauren lea leon linda lisa lucas lucia luis luka lukas luke marc marco maria marie mark markus martin " +
    "mary matt matteo matthew max maximilian mia michael michelle miguel mike mohammed muhammad natalie nicholas nick nicole niklas noah " +
    "olivia oliver pablo patrick paul paula peter philipp pierre rachel rebecca richard robert ryan sam samuel sandra sara sarah sebastian " +
    "simon sofia sophia sophie stefan stephanie steve steven susan thomas tim timo tobias tom tony victoria william wei yuki zoe"
  ).split(" "),
);

export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  return at > 0 ? normaliseDomain(email.slice(at + 1)) : null;
}

export function emailType(domain: string): EmailType {
  const d = domain.toLowerCase();
  if (DISPOSABLE.has(d) || DISPOSABLE_WILDCARDS.some((w) => d === w || d.endsWith(`.${w}`))) return "disposable";
  if (FREE.has(d)) return "free";
  return "corporate";
}

function localPart(email: string): string {
  const at = email.lastIndexOf("@");
  // "jane+newsletters" is jane.
  return (at > 0 ? email.slice(0, at) : email).split("+")[0]!.toLowerCase();
}

export function isRoleAccount(email: string): boolean {
  const local = localPart(email);
  if (ROLE_LOCAL_PARTS.has(local)) return true;
  // "info.london", "sales-team", "support_de": a role mailbox with a suffix.
  const head = local.split(/[._-]/)[0] ?? "";
  return head.length > 1 && ROLE_LOCAL_PARTS.has(head) && !FIRST_NAMES.has(head);
}

/** "o'brien" → "O'Brien", "mary-jane" → "Mary-Jane". */
function capitalise(name: string): string {
  return name.replace(/(^|[-'’\s])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

export interface NameGuess {
  firstName: string | null;
  lastName: string | null;
  confidence: number;
}

/**
 * A name from the local part: jane.doe / jane_doe / jane-doe → Jane Doe (0.5); janedoe → Jane Doe (0.35) when it starts
 * with a known first name; jane → Jane (0.4); jdoe → Doe as the surname only (0.25: the initial is not a first name).
 */
export function guessName(email: string): NameGuess | null {
  if (isRoleAccount(email)) return null;
  const local = localPart(email);
  const sep = /[._]/.test(local) ? /[._]+/ : /-+/;
  const parts = local
    .split(sep)
    .map((p) => p.replace(/[^\p{L}'’-]/gu, ""))
    .filter((p) => p.length > 0);
  if (parts.length === 0) return null;
  if (parts.length >= 2) {
    const first = parts[0]!;
    const last = parts[parts.length - 1]!;
    if (first.length === 1 && last.length === 1) return null;
    if (first.length === 1) return { firstName: null, lastName: capitalise(last), confidence: 0.4 };
    if (last.length === 1) return { firstName: capitalise(first), lastName: null, confidence: 0.45 };
    return { firstName: capitalise(first), lastName: capitalise(last), confidence: 0.5 };
  }
  const token = parts[0]!;
  if (token.length < 2 || token.length > 24) return null;
  if (FIRST_NAMES.has(token)) return { firstName: capitalise(token), lastName: null, confidence: 0.4 };
  for (let i = Math.min(token.length - 2, 12); i >= 3; i--) {
    const head = token.slice(0, i);
    if (FIRST_NAMES.has(head)) return { firstName: capitalise(head), lastName: capitalise(token.slice(i)), confidence: 0.35 };
  }
  if (token.length >= 4 && /[aeiouy]/.test(token.slice(1))) return { firstName: null, lastName: capitalise(token.slice(1)), confidence: 0.25 };
  return null;
}

const TWO_LEVEL_SUFFIXES = new Set([
  "co.uk",
  "org.uk",
  "ac.uk",
  "gov.uk",
  "ltd.uk",
  "plc.uk",
  "me.uk",
  "com.au",
  "net.au",
  "org.au",
  "co.nz",
  "co.za",
  "co.jp",
  "co.in",
  "co.kr",
  "com.br",
  "com.mx",
  "com.ar",
  "com.cn",
  "com.hk",
  "com.sg",
  "com.tr",
  "co.il",
  "com.es",
  "com.pl",
]);

/** "acme-bakery.co.uk" → "Acme Bakery": a placeholder name for a company known only by its domain. */
export function companyNameFromDomain(domain: string): string | null {
  const labels = domain.toLowerCase().split(".");
  if (labels.length < 2) return null;
  const suffix2 = labels.slice(-2).join(".");
  const label = TWO_LEVEL_SUFFIXES.has(suffix2) && labels.length >= 3 ? labels[labels.length - 3]! : labels[labels.length - 2]!;
  const words = label.split(/[-_]+/).filter(Boolean);
  return words.length ? capitalise(words.join(" ")) : null;
}

export interface EmailAnalysis {
  domain: string;
  type: EmailType;
  roleAccount: boolean;
  name: NameGuess | null;
  /** The company's domain, for corporate addresses only. */
  companyDomain: string | null;
}

export function analyseEmail(email: string): EmailAnalysis | null {
  const domain = emailDomain(email.trim());
  if (!domain) return null;
  const type = emailType(domain);
  const roleAccount = isRoleAccount(email);
  return { domain, type, roleAccount, name: guessName(email), companyDomain: type === "corporate" ? domain : null };
}

export const emailProvider: EnrichmentProvider = {
  name: "email",
  free: true,
  fields: {
    "contact.custom.email_type": 0.95,
    "contact.custom.email_role_account": 0.9,
    "contact.firstName": 0.5,
    "contact.lastName": 0.5,
    "company.domain": 0.9,
    "company.name": 0.3,
  },
  precondition: ({ subject }) => (subject.contact.email ? null : "no email address"),
  async run({ subject }) {
    const a = analyseEmail(subject.contact.email ?? "");
    if (!a) return [];
    const out: Candidate[] = [
      { field: "contact.custom.email_type", value: a.type, confidence: 0.95 },
      { field: "contact.custom.email_role_account", value: a.roleAccount, confidence: 0.9 },
    ];
    if (a.name?.firstName) out.push({ field: "contact.firstName", value: a.name.firstName, confidence: a.name.confidence });
    if (a.name?.lastName) out.push({ field: "contact.lastName", value: a.name.lastName, confidence: a.name.confidence });
    if (a.companyDomain) {
      out.push({ field: "company.domain", value: a.companyDomain, confidence: 0.9 });
      const name = companyNameFromDomain(a.companyDomain);
      if (name) out.push({ field: "company.name", value: name, confidence: 0.3 });
    }
    return out;
  },
};
