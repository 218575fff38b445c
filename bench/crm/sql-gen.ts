// SQL expression builders for generating benchmark rows inside Postgres: deterministic draws from a row number, weighted
// picks and stable uuids. Only ever fed constants from bench/crm; never interpolate anything a user typed.

/** A quoted SQL string literal. */
export function lit(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** A non-negative pseudo-random integer fixed by (row, stream): every run draws the same data, on any connection. */
export function hash(row: string, stream: number): string {
  return `(hashint8extended((${row})::bigint, ${stream}) & 2147483647)`;
}

/** A uniform draw in [0, 1) fixed by (row, stream). */
export function unit(row: string, stream: number): string {
  return `(${hash(row, stream)}::float8 / 2147483648.0)`;
}

/** One of `choices`, by integer weight, as a constant array indexed by a hash (Postgres folds the array once per query). */
export function pick(row: string, stream: number, choices: readonly (readonly [string | null, number])[]): string {
  const slots = choices.flatMap(([value, weight]) => Array.from({ length: weight }, () => (value === null ? "null" : lit(value))));
  return `(array[${slots.join(",")}]::text[])[1 + ${hash(row, stream)} % ${slots.length}]`;
}

/**
 * A version-4-shaped uuid derived from (workspace, kind, number), so events can name their contact without a join and
 * strict uuid validators (zod's) accept it.
 */
export function stableUuid(workspaceId: string, kind: string, n: string): string {
  return `(overlay(overlay(md5(${lit(`${workspaceId}:${kind}:`)} || (${n})::text) placing '4' from 13) placing '8' from 17))::uuid`;
}

export const FIRST_NAMES = [
  "Anna", "Ben", "Carla", "David", "Elif", "Finn", "Grace", "Hugo", "Ines", "Jonas", "Kira", "Liam", "Maya", "Noah", "Olga",
  "Paul", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera", "Will", "Xenia", "Yusuf", "Zoe", "Lena", "Marco", "Sofia", "Tom",
  "Aisha", "Chen", "Diego", "Emma", "Farah", "Jan", "Lucas", "Mia", "Nina", "Omar",
].map((n) => [n, 1] as const);

export const LAST_NAMES = [
  "Schmidt", "Smith", "Garcia", "Müller", "Dubois", "Rossi", "Nowak", "Jansen", "Silva", "Kim", "Tanaka", "Brown", "Wilson",
  "Fischer", "Martin", "Lopez", "Weber", "Bernard", "Novak", "Patel", "Singh", "Cohen", "Olsen", "Berg", "Costa", "Meyer",
  "Taylor", "Moreau", "Ricci", "Kowalski", "Ivanova", "Nguyen", "Haddad", "Okafor", "Larsen", "Wagner",
].map((n) => [n, 1] as const);

/** Roughly the spread of a European/US B2B SaaS audience. */
export const COUNTRIES = [
  ["US", 28], ["GB", 10], ["DE", 10], ["FR", 8], ["CA", 5], ["NL", 5], ["ES", 5], ["IT", 4], ["AU", 4], ["IN", 6],
  ["BR", 4], ["SE", 3], ["CH", 2], ["JP", 2], [null, 4],
] as const;

/** Most contacts sit at the top of the funnel. */
export const STAGES = [
  ["subscriber", 40], ["lead", 24], ["mql", 12], ["sql", 8], ["opportunity", 5], ["customer", 8], ["evangelist", 1], ["other", 1], ["churned", 1],
] as const;

/** Page views and opens dominate; clicks are about a third of opens. */
export const EVENT_TYPES = [
  ["page_view", 38], ["email_open", 30], ["email_click", 9], ["post_engagement", 12], ["form_submit", 5], ["purchase", 2],
  ["lifecycle_change", 3], ["note", 1],
] as const;

export const FREE_MAIL = [["gmail.com", 6], ["outlook.com", 3], ["yahoo.com", 2], ["icloud.com", 1], ["gmx.de", 1], ["proton.me", 1]] as const;

export const COMPANY_WORDS = [
  "Northwind", "Contoso", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Acme", "Hooli", "Vandelay", "Soylent", "Cyberdyne",
  "Tyrell", "Aperture", "Wonka", "Gringotts", "Oscorp", "Duff", "Monarch", "Pied",
].map((n) => [n, 1] as const);
export const COMPANY_SUFFIXES = [["Labs", 1], ["Systems", 1], ["GmbH", 1], ["Ltd", 1], ["Group", 1], ["Software", 1], ["Analytics", 1], ["Health", 1]] as const;
export const INDUSTRIES = [["software", 4], ["retail", 2], ["finance", 2], ["healthcare", 2], ["manufacturing", 2], ["education", 1], ["media", 1], [null, 2]] as const;
export const TITLES = [["Marketing Manager", 3], ["Head of Growth", 1], ["CMO", 1], ["Sales Director", 1], ["Software Engineer", 2], ["Founder", 1], ["Product Manager", 2], [null, 4]] as const;
export const SOURCES = [["import", 4], ["form", 3], ["api", 1], ["manual", 1], ["integration", 1]] as const;
export const CONSENT = [["opted_in", 55], ["unknown", 35], ["opted_out", 10]] as const;
export const PAGE_PATHS = [["/", 4], ["/pricing", 3], ["/blog", 3], ["/features", 2], ["/signup", 1], ["/docs", 1]] as const;
