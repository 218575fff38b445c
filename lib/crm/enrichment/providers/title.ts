// Job title → seniority and department, from keyword tables in English, German, French, Spanish, Portuguese and Dutch.
// Pure; it never guesses without a keyword: a title it cannot read leaves both fields alone.
import type { Candidate, EnrichmentProvider } from "./types";

export const SENIORITIES = ["owner", "c_level", "partner", "vp", "head", "director", "manager", "senior", "entry", "intern"] as const;
export type Seniority = (typeof SENIORITIES)[number];

export const DEPARTMENTS = [
  "executive",
  "marketing",
  "sales",
  "engineering",
  "product",
  "design",
  "finance",
  "hr",
  "operations",
  "it",
  "legal",
  "support",
] as const;
export type Department = (typeof DEPARTMENTS)[number];

/**
 * Keywords are matched on the accent-free, lower-case title. A plain keyword must stand as whole words; a keyword
 * starting with "~" may sit inside a word, for compounds such as "Vertriebsleiter" or "Marketingleiterin".
 */
type Table<T extends string> = [T, string[]][];

// Order matters: the first rule with a matching keyword decides ("Senior Vice President" is a VP, "Assistant Manager" a manager).
const SENIORITY_RULES: Table<Seniority> = [
  ["intern", ["intern", "internship", "trainee", "werkstudent", "werkstudentin", "~praktikant", "stagiaire", "becario", "becaria", "estagiario", "stagiair", "apprentice", "~azubi", "auszubildende", "auszubildender"]],
  ["vp", ["vice president", "vice-president", "vp", "svp", "evp", "avp", "~vizeprasident", "vicepresidente", "vice-presidente", "vice-presidente", "vicepresident"]],
  ["owner", ["founder", "co-founder", "cofounder", "owner", "~grunder", "~inhaber", "fondateur", "fondatrice", "fundador", "fundadora", "oprichter", "eigenaar", "proprietor"]],
  ["c_level", ["chief", "ceo", "cto", "cfo", "coo", "cmo", "cio", "ciso", "cpo", "cro", "chro", "cdo", "cso", "president", "~presidente", "managing director", "~geschaftsfuhr", "~vorstand", "pdg", "directeur general", "directrice generale", "director general", "directora general", "director ejecutivo", "diretor executivo", "algemeen directeur"]],
  ["head", ["head of", "head", "~bereichsleit", "~abteilungsleit", "responsable de departement", "jefe de departamento"]],
  ["director", ["director", "directeur", "directrice", "direktor", "direktorin", "directora", "diretor", "diretora"]],
  ["manager", ["manager", "managerin", "team lead", "team leader", "teamleiter", "teamleiterin", "~leiter", "~leiterin", "supervisor", "responsable", "gerente", "jefe", "jefa", "chef de", "cheffe de", "gestionnaire", "coordinator", "coordinador", "coordinadora", "coordinateur", "coordinatrice", "koordinator"]],
  ["partner", ["partner", "partnerin", "associe", "associee", "socio", "socia"]],
  ["senior", ["senior", "sr", "principal", "staff", "lead", "expert", "expertin", "specialiste senior"]],
  ["entry", ["junior", "jr", "associate", "assistant", "assistent", "assistentin", "graduate", "entry level", "entry-level", "asistente", "assistente", "debutant", "einsteiger"]],
];

// The C-suite acronym names the department outright.
const ACRONYM_DEPARTMENTS: Record<string, Department> = {
  ceo: "executive",
  coo: "operations",
  cfo: "finance",
  cmo: "marketing",
  cto: "engineering",
  cio: "it",
  ciso: "it",
  cpo: "product",
  cro: "sales",
  chro: "hr",
  clo: "legal",
};

const DEPARTMENT_RULES: Table<Department> = [
  ["marketing", ["marketing", "~marketing", "product marketing", "brand", "growth", "seo", "sem", "content", "social media", "communications", "communication", "comms", "pr", "public relations", "demand generation", "demand gen", "~kommunikation", "mercadotecnia", "mercadeo", "campaign", "campaigns", "events"]],
  ["sales", ["sales", "sales engineer", "account executive", "account manager", "key account", "business development", "bdr", "sdr", "~vertrieb", "~verkauf", "ventas", "vendas", "commercial", "commerciale", "comercial", "verkoop", "revenue", "partnerships"]],
  ["engineering", ["engineer", "engineering", "developer", "development", "software", "devops", "sre", "programmer", "~entwickl", "~ingenieur", "ingeniero", "ingeniera", "engenheiro", "developpeur", "developpeuse", "desarrollador", "desarrolladora", "desenvolvedor", "ontwikkelaar", "architect", "data scientist", "data engineer", "machine learning", "qa", "quality assurance", "frontend", "backend", "full stack", "fullstack"]],
  ["product", ["product", "product manager", "product owner", "produkt", "~produktmanag", "produit", "producto", "produto"]],
  ["design", ["design", "designer", "ux", "ui", "creative", "art director", "~gestalt", "disenador", "disenadora", "concepteur"]],
  ["finance", ["finance", "financial", "accounting", "accountant", "controller", "controlling", "treasury", "bookkeeper", "~buchhalt", "~finanz", "comptable", "comptabilite", "contable", "contador", "contadora", "finanzas", "financas", "financiero", "boekhouder", "tax", "audit", "auditor"]],
  ["hr", ["hr", "human resources", "people", "talent", "recruiter", "recruiting", "recruitment", "personalabteilung", "~personalleit", "~personalreferent", "personalwesen", "rh", "recursos humanos", "ressources humaines", "payroll", "hrbp"]],
  ["operations", ["operations", "operation", "ops", "logistics", "supply chain", "procurement", "purchasing", "~einkauf", "~logistik", "operaciones", "operacoes", "operationnel", "facilities"]],
  ["it", ["it", "information technology", "sysadmin", "system administrator", "systems administrator", "helpdesk", "help desk", "service desk", "infrastructure", "network", "security", "cybersecurity", "informatique", "informatica", "informatik", "~edv"]],
  ["legal", ["legal", "counsel", "general counsel", "lawyer", "attorney", "compliance", "paralegal", "~jurist", "~recht", "abogado", "abogada", "avocat", "avocate", "juridique", "juridico", "advocaat"]],
  ["support", ["support", "customer success", "customer service", "customer care", "customer experience", "~kundenservice", "~kundendienst", "soporte", "atencion al cliente", "service client", "klantenservice"]],
  ["executive", ["chief executive", "founder", "co-founder", "cofounder", "owner", "president", "managing director", "general manager", "~geschaftsfuhr", "chairman", "chairwoman", "chair", "pdg", "directeur general", "director general", "board"]],
];

/** Accent-free, lower-case, punctuation as spaces (but keeping hyphens inside words). */
export function normaliseTitle(raw: string): string {
  return raw
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[^a-z0-9-]+/g, " ")
    .replace(/\s-|-\s/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Position of the keyword in the normalised title, or -1. */
function find(title: string, keyword: string): number {
  if (keyword.startsWith("~")) return title.indexOf(keyword.slice(1));
  const padded = ` ${title} `;
  const i = padded.indexOf(` ${keyword} `);
  return i < 0 ? -1 : i;
}

export function seniorityOf(title: string): Seniority | null {
  const t = normaliseTitle(title);
  if (!t) return null;
  for (const [seniority, keywords] of SENIORITY_RULES) if (keywords.some((k) => find(t, k) >= 0)) return seniority;
  return null;
}

/**
 * The department the title's first departmental keyword names; at one position the longest keyword wins,
 * so "Product Marketing Manager" is marketing and "Marketing Operations Lead" is marketing too.
 */
export function departmentOf(title: string): { department: Department; viaAcronym: boolean } | null {
  const t = normaliseTitle(title);
  if (!t) return null;
  for (const word of t.split(" ")) {
    const d = ACRONYM_DEPARTMENTS[word];
    if (d) return { department: d, viaAcronym: true };
  }
  // "Chief Marketing Officer": "chief" is no department, the word after it is.
  let best: { pos: number; len: number; department: Department } | null = null;
  for (const [department, keywords] of DEPARTMENT_RULES) {
    for (const k of keywords) {
      const pos = find(t, k);
      if (pos < 0) continue;
      const len = k.replace(/^~/, "").length;
      if (!best || pos < best.pos || (pos === best.pos && len > best.len)) best = { pos, len, department };
    }
  }
  return best ? { department: best.department, viaAcronym: false } : null;
}

export const titleProvider: EnrichmentProvider = {
  name: "title",
  free: true,
  fields: { "contact.seniority": 0.8, "contact.department": 0.85 },
  precondition: ({ subject }) => (subject.contact.title?.trim() ? null : "no job title"),
  async run({ subject }) {
    const title = subject.contact.title ?? "";
    const out: Candidate[] = [];
    const seniority = seniorityOf(title);
    if (seniority) out.push({ field: "contact.seniority", value: seniority, confidence: 0.8 });
    const dept = departmentOf(title);
    if (dept) out.push({ field: "contact.department", value: dept.department, confidence: dept.viaAcronym ? 0.85 : 0.75 });
    return out;
  },
};
