// The commit step of a CSV import, run inside the caller's single transaction: dedupe the staged rows, match existing
// contacts, link or create companies, upsert with the chosen policy and write lifecycle history. Never commits by itself.
import "server-only";
import type pg from "pg";
import { FORWARD_ORDER, STAGE_LABELS } from "@/lib/crm/stages";
import type { ImportField, MappingTarget } from "./mapping";
import type { ImportPolicy } from "./schemas";

export interface CommitInput {
  table: string;
  workspaceId: string;
  policy: ImportPolicy;
  /** Mapping targets in use: only these contact columns are written on existing contacts. */
  targets: MappingTarget[];
  /** The importer's role may move an existing contact's lifecycle stage backwards. */
  allowBackwardStage: boolean;
  actorLabel: string;
  historyReason: string;
  /** Told how long each step of the commit took (for the job's timing log and the benchmark). */
  onStep?: (step: string, ms: number) => void;
  /**
   * The import's id: rows the commit leaves out or changes (a repeated email, a refused backward stage move) are then
   * written to its error report, in this transaction, with the file's column names from `columns`.
   */
  importId?: string;
  /** The file's column for each field a report note names (the mapping's header), e.g. { email: "E-mail" }. */
  columns?: Partial<Record<"email" | "name" | "lifecycleStage", string>>;
  /** Custom field keys the mapping writes, with the file's column name: keys the workspace has not defined yet are
   * created as text fields (labelled with the column name), so the values show in the fields list and in exports. */
  customColumns?: Record<string, string>;
}

export interface CommitCounts {
  /** Staged rows dropped because a later row of the file has the same email (or, without email, the same name and phone). */
  duplicates: number;
  /** Distinct contacts the file holds after dedupe. */
  uniqueRows: number;
  inserted: number;
  updated: number;
  /** Unique rows that changed nothing: existing contacts under `skip`, or whose values were already there. */
  skipped: number;
  companiesCreated: number;
  /** Custom fields the file's columns named that the workspace had not defined (created as text fields). */
  customFieldsCreated: number;
  /** Backward stage moves left out because the importer's role may not make them. */
  stageMovesRefused: number;
  stageChanges: number;
}

type Q = (text: string, params?: unknown[]) => Promise<pg.QueryResult>;

/** A short, stable label for a statement: its first words, the staging table's name folded to "staging". */
function stepName(text: string, table: string): string {
  return text.replaceAll(table, "staging").replace(/\s+/g, " ").trim().slice(0, 48);
}

/** The contact column each mappable field writes. */
const COLUMN_OF: Partial<Record<ImportField, string>> = {
  firstName: "first_name",
  lastName: "last_name",
  phone: "phone",
  title: "title",
  seniority: "seniority",
  department: "department",
  source: "source",
  country: "country",
  timezone: "timezone",
  tags: "tags",
  lifecycleStage: "lifecycle_stage",
  score: "score",
  tier: "tier",
  emailConsent: "email_consent",
  doNotContact: "do_not_contact",
  company: "company_id",
  companyDomain: "company_id",
};

const TEXT_COLUMNS = new Set(["first_name", "last_name", "phone", "title", "seniority", "department", "source", "country", "timezone", "tier"]);

function columnsWritten(targets: MappingTarget[]): string[] {
  const cols = new Set<string>();
  for (const t of targets) {
    if (t.startsWith("custom.")) cols.add("custom");
    else if (t === "fullName") {
      cols.add("first_name");
      cols.add("last_name");
    } else {
      const col = COLUMN_OF[t as ImportField];
      if (col) cols.add(col);
    }
  }
  return [...cols];
}

/**
 * SET expressions for one policy. `src` is the proposed row (`excluded` or the proposal alias), `tgt` the stored contact.
 * update: the file's non-empty values replace stored ones; fill_blanks: only empty stored values are filled.
 * Either way tags and custom fields are merged, consent never goes back to "unknown", and do-not-contact is only ever set.
 */
function setExpressions(policy: "update" | "fill_blanks", cols: string[], src: string, tgt: string): [string, string][] {
  const out: [string, string][] = [];
  for (const col of cols) {
    if (TEXT_COLUMNS.has(col)) {
      out.push([col, policy === "update" ? `coalesce(${src}.${col}, ${tgt}.${col})` : `coalesce(nullif(${tgt}.${col}, ''), ${src}.${col})`]);
    } else if (col === "score" || col === "company_id") {
      out.push([col, policy === "update" ? `coalesce(${src}.${col}, ${tgt}.${col})` : `coalesce(${tgt}.${col}, ${src}.${col})`]);
    } else if (col === "tags") {
      out.push([
        col,
        policy === "update"
          ? `${tgt}.tags || ARRAY(SELECT t FROM unnest(${src}.tags) WITH ORDINALITY AS x(t, n) WHERE NOT (t = ANY(${tgt}.tags)) ORDER BY n)`
          : `CASE WHEN cardinality(${tgt}.tags) = 0 THEN ${src}.tags ELSE ${tgt}.tags END`,
      ]);
    } else if (col === "custom") {
      out.push([col, policy === "update" ? `${tgt}.custom || ${src}.custom` : `${src}.custom || ${tgt}.custom`]);
    } else if (col === "lifecycle_stage") {
      // A stage is never blank, so fill_blanks leaves it; the proposal already falls back to the stored stage.
      if (policy === "update") out.push([col, `${src}.lifecycle_stage`]);
    } else if (col === "email_consent") {
      out.push([
        col,
        policy === "update"
          ? `CASE WHEN ${src}.email_consent = 'unknown' THEN ${tgt}.email_consent ELSE ${src}.email_consent END`
          : `CASE WHEN ${tgt}.email_consent = 'unknown' THEN ${src}.email_consent ELSE ${tgt}.email_consent END`,
      ]);
    } else if (col === "do_not_contact") {
      out.push([col, `${tgt}.do_not_contact OR ${src}.do_not_contact`]);
    }
  }
  return out;
}

const INSERT_COLUMNS = [
  "email",
  "first_name",
  "last_name",
  "phone",
  "title",
  "seniority",
  "department",
  "source",
  "country",
  "timezone",
  "tags",
  "lifecycle_stage",
  "score",
  "tier",
  "email_consent",
  "do_not_contact",
  "custom",
  "company_id",
];

/**
 * The file's distinct company references (name and domain as written), each with the last row that names it, for this
 * transaction only. Companies are linked and created on these few thousand rows rather than on the staged million,
 * and a staged row finds its company here by the same (name, domain) pair when it is written: no staged row is
 * rewritten to carry a company id (measured on bench/crm: ~6 s of UPDATEs of 700k staged rows → under 1 s).
 */
const COMPANY_REFS = "import_company_refs";

/**
 * A staged row's reference. Names and domains are never '' (empty cells are null), so coalescing to '' is exact; the
 * keys are plain columns of COMPANY_REFS, so the planner knows they are distinct and hashes the refs (with the
 * expressions on both sides it sorted the million staged rows for a merge join instead).
 */
const SAME_COMPANY_REF = `r.name_key = coalesce(s.company_name, '') AND r.domain_key = coalesce(s.company_domain, '')`;

/**
 * The row each staged contact proposes. Where a cell was empty, a matched contact's stored stage stands in (so
 * `excluded` can be used as is), and new contacts get the column defaults and source "csv_import". `linked`: the
 * company step ran, so company ids come from COMPANY_REFS.
 */
function proposalSql(table: string, linked: boolean): string {
  return `SELECT s.ordinal, s.email_key, s.contact_id, s.email, s.first_name, s.last_name, s.phone, s.title, s.seniority, s.department,
      CASE WHEN s.contact_id IS NULL THEN coalesce(s.source, 'csv_import') ELSE s.source END AS source,
      s.country, s.timezone, coalesce(s.tags, '{}'::text[]) AS tags,
      coalesce(s.lifecycle_stage, s.prev_stage, 'subscriber') AS lifecycle_stage,
      s.score, s.tier, coalesce(s.email_consent, 'unknown') AS email_consent,
      coalesce(s.do_not_contact, false) AS do_not_contact, coalesce(s.custom, '{}'::jsonb) AS custom,
      ${linked ? "r.company_id" : "s.company_id"} AS company_id
    FROM ${table} s${linked ? ` LEFT JOIN ${COMPANY_REFS} r ON ${SAME_COMPANY_REF}` : ""}`;
}

const NAME_KEY = (a: string) => `lower(coalesce(${a}.first_name, '')), lower(coalesce(${a}.last_name, '')), coalesce(${a}.phone, '')`;

async function linkCompanies(q: Q, table: string, ws: string): Promise<void> {
  // By domain: a company's primary domain or any of its other domains.
  await q(
    `UPDATE ${table} s SET company_id = d.id
       FROM (SELECT DISTINCT ON (dom) c.id, dom
               FROM companies c, unnest(array_append(c.domains, c.domain)) AS dom
              WHERE c.workspace_id = $1 AND dom IS NOT NULL
              ORDER BY dom, (c.domain = dom) DESC, c.created_at) d
      WHERE s.company_id IS NULL AND s.company_domain = d.dom`,
    [ws],
  );
  // By name, unless both sides have a domain and they differ (two companies can share a name).
  await q(
    `UPDATE ${table} s SET company_id = n.id
       FROM (SELECT DISTINCT ON (lower(name)) id, lower(name) AS lname, domain
               FROM companies WHERE workspace_id = $1 ORDER BY lower(name), created_at) n
      WHERE s.company_id IS NULL AND s.company_name IS NOT NULL AND lower(s.company_name) = n.lname
        AND (s.company_domain IS NULL OR n.domain IS NULL)`,
    [ws],
  );
}

async function createMissingCompanies(q: Q, table: string, ws: string): Promise<number> {
  let created = 0;
  // Companies with a domain first, so rows naming only the company can link to them by name afterwards.
  const withDomain = await q(
    `INSERT INTO companies (workspace_id, name, domain, domains)
     SELECT DISTINCT ON (company_domain) $1, coalesce(company_name, company_domain), company_domain, ARRAY[company_domain]
       FROM ${table} WHERE company_id IS NULL AND company_domain IS NOT NULL
      ORDER BY company_domain, (company_name IS NULL), ordinal DESC
     ON CONFLICT DO NOTHING`,
    [ws],
  );
  created += withDomain.rowCount ?? 0;
  await linkCompanies(q, table, ws);
  const byName = await q(
    `INSERT INTO companies (workspace_id, name)
     SELECT DISTINCT ON (lower(company_name)) $1, company_name
       FROM ${table} WHERE company_id IS NULL AND company_name IS NOT NULL AND company_domain IS NULL
      ORDER BY lower(company_name), ordinal DESC
     ON CONFLICT DO NOTHING`,
    [ws],
  );
  created += byName.rowCount ?? 0;
  await linkCompanies(q, table, ws);
  return created;
}

/**
 * A plain INSERT of new contacts, in the order of `orderBy`, with their ids handed out in ascending order along that
 * order. The ids are still gen_random_uuid() values (a sorted set of fresh random ones), so they look like any other
 * contact's id; but every index keyed on id (the primary key; the newest-first and score sorts, whose other keys are
 * the same for all of an import's rows: created_at is the transaction's now() and most rows have no score) then fills
 * in one ordered sweep instead of at a million random places. Measured on bench/crm (1M rows): 71 s → 50 s for this
 * statement.
 */
function insertNewSql(table: string, proposal: string, where: string, orderBy: string): string {
  // `where` reads staged columns only, so the count needs no proposal.
  const ids = `SELECT array_agg(g.id ORDER BY g.id) FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, (SELECT count(*) FROM ${table} p WHERE ${where}))) g`;
  return `INSERT INTO contacts (id, workspace_id, ${INSERT_COLUMNS.join(", ")})
     SELECT (${ids})[p.n], $1, ${INSERT_COLUMNS.map((col) => `p.${col}`).join(", ")}
       FROM (SELECT p.*, row_number() OVER (ORDER BY ${orderBy}) AS n FROM (${proposal}) p WHERE ${where}) p
      ORDER BY ${orderBy}`;
}

/**
 * The staged rows with an email that matched no contact in step 2. They are new, so a plain INSERT writes them: in
 * email order, so the (workspace_id, lower(email)) unique index fills in one sweep instead of at random places, and
 * without ON CONFLICT's speculative insertion (1M rows in bench/crm: 43 s, down from 61 s for the upsert).
 * If a contact with one of these emails was created meanwhile (by a form or the API, after step 2), the INSERT fails on
 * the unique index; it is then undone to its savepoint and the rows go through INSERT … ON CONFLICT with the policy,
 * exactly as a row that matched in step 2 would have.
 */
async function insertNewWithEmail(
  q: Q,
  table: string,
  proposal: string,
  ws: string,
  policy: ImportPolicy,
  cols: string[],
): Promise<{ inserted: number; updated: number }> {
  const select = `SELECT $1, ${INSERT_COLUMNS.map((col) => `p.${col}`).join(", ")}
      FROM (${proposal}) p WHERE p.email IS NOT NULL AND p.contact_id IS NULL ORDER BY p.email_key`;
  await q("SAVEPOINT import_new_contacts");
  try {
    const res = await q(insertNewSql(table, proposal, "p.email IS NOT NULL AND p.contact_id IS NULL", "p.email_key"), [ws]);
    await q("RELEASE SAVEPOINT import_new_contacts");
    return { inserted: res.rowCount ?? 0, updated: 0 };
  } catch (e) {
    if ((e as { code?: string }).code !== UNIQUE_VIOLATION) throw e;
    await q("ROLLBACK TO SAVEPOINT import_new_contacts");
  }
  const sets = policy === "skip" ? [] : setExpressions(policy, cols, "excluded", "c");
  const onConflict =
    sets.length === 0
      ? "DO NOTHING"
      : `DO UPDATE SET ${sets.map(([col, expr]) => `${col} = ${expr}`).join(", ")}, updated_at = now()
         WHERE (${sets.map(([col]) => `c.${col}`).join(", ")}) IS DISTINCT FROM (${sets.map(([, expr]) => expr).join(", ")})`;
  const upsert = await q(
    `WITH up AS (
       INSERT INTO contacts AS c (workspace_id, ${INSERT_COLUMNS.join(", ")}) ${select}
       ON CONFLICT (workspace_id, lower(email)) WHERE email IS NOT NULL ${onConflict}
       RETURNING (xmax = 0) AS is_new
     ) SELECT count(*) FILTER (WHERE is_new)::int AS inserted, count(*) FILTER (WHERE NOT is_new)::int AS updated FROM up`,
    [ws],
  );
  return { inserted: Number(upsert.rows[0].inserted), updated: Number(upsert.rows[0].updated) };
}

const UNIQUE_VIOLATION = "23505";

/**
 * A DELETE of staged rows that, with an import id, also writes each deleted row's note to the import's error report:
 * `reason` is SQL over the DELETE's `d` (the kept row; never a value from the file). Params: notedParams.
 */
function notedDelete(input: CommitInput, del: string, reason: string): string {
  if (!input.importId) return del;
  return `WITH gone AS (${del} RETURNING s.source_row, ${reason} AS reason)
    INSERT INTO contact_import_errors (workspace_id, import_id, row_number, field, reason)
    SELECT $1, $2, gone.source_row, $3, gone.reason FROM gone`;
}

/** The parameters of a notedDelete: the workspace, the import and the file's column the note names. */
function notedParams(input: CommitInput, field: string): unknown[] | undefined {
  return input.importId ? [input.workspaceId, input.importId, field] : undefined;
}

/** Creates the custom fields a file's columns named that the workspace has not defined, as text fields. */
async function defineCustomFields(q: Q, ws: string, columns: Record<string, string> | undefined): Promise<number> {
  const keys = Object.keys(columns ?? {});
  if (keys.length === 0) return 0;
  const res = await q(
    `INSERT INTO custom_field_defs (workspace_id, entity, key, label, type)
     SELECT $1, 'contact', k.key, left(k.label, 80), 'text' FROM unnest($2::text[], $3::text[]) AS k(key, label)
     ON CONFLICT DO NOTHING`,
    [ws, keys, keys.map((k) => columns![k]!)],
  );
  return res.rowCount ?? 0;
}

export async function commitStaged(query: Q, input: CommitInput): Promise<CommitCounts> {
  const { table, workspaceId: ws, policy } = input;
  // Each statement timed under the first words of its SQL: what the commit spends its time on shows in the logs.
  const q: Q = async (text, params) => {
    const started = performance.now();
    try {
      return await query(text, params);
    } finally {
      input.onStep?.(stepName(text, table), performance.now() - started);
    }
  };
  const cols = columnsWritten(input.targets);
  await q(`ANALYZE ${table}`);

  // 1. Dedupe within the file: the last occurrence of an email wins (emails compared with lower(), like the unique index).
  // Grouped (a hash aggregate over the file, then a join with the few repeated keys) rather than numbering every row in a
  // window, which sorts the whole file (1M rows in bench/crm: 1.2 s instead of 2.4 s).
  // Each dropped row is listed in the error report with the row that was kept (ordinals and file rows rise together,
  // so the last ordinal's row is the largest source_row).
  const dupEmail = await q(
    notedDelete(
      input,
      `DELETE FROM ${table} s USING (
         SELECT email_key, max(ordinal) AS last, max(source_row) AS last_row FROM ${table} WHERE email_key IS NOT NULL GROUP BY email_key HAVING count(*) > 1
       ) d WHERE s.email_key = d.email_key AND s.ordinal < d.last`,
      `'The same email is on row ' || d.last_row || ' further down the file: that row was imported, this one left out.'`,
    ),
    notedParams(input, input.columns?.email ?? "email"),
  );
  // Rows without an email are the same person when name and phone agree.
  const dupName = await q(
    notedDelete(
      input,
      `DELETE FROM ${table} s USING (
         SELECT ${NAME_KEY("t")}, max(t.ordinal) AS last, max(t.source_row) AS last_row FROM ${table} t WHERE t.email_key IS NULL GROUP BY ${NAME_KEY("t")} HAVING count(*) > 1
       ) d (f, l, p, last, last_row)
       WHERE s.email_key IS NULL AND (${NAME_KEY("s")}) = (d.f, d.l, d.p) AND s.ordinal < d.last`,
      `'No email, and the same name and phone are on row ' || d.last_row || ' further down the file: that row was imported, this one left out.'`,
    ),
    notedParams(input, input.columns?.name ?? "name"),
  );
  const duplicates = (dupEmail.rowCount ?? 0) + (dupName.rowCount ?? 0);
  const uniqueRows = Number((await q(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);

  // 2. Match existing contacts of this workspace (soft-deleted ones too: they still own their email).
  await q(
    `UPDATE ${table} s SET contact_id = c.id, prev_stage = c.lifecycle_stage
       FROM contacts c
      WHERE c.workspace_id = $1 AND c.email IS NOT NULL AND s.email_key IS NOT NULL AND lower(c.email) = s.email_key`,
    [ws],
  );
  await q(
    `UPDATE ${table} s SET contact_id = m.id, prev_stage = m.lifecycle_stage
       FROM (SELECT DISTINCT ON (${NAME_KEY("c")}) c.id, c.lifecycle_stage,
                    lower(coalesce(c.first_name, '')) AS f, lower(coalesce(c.last_name, '')) AS l, coalesce(c.phone, '') AS p
               FROM contacts c WHERE c.workspace_id = $1 AND c.email IS NULL
              ORDER BY ${NAME_KEY("c")}, c.created_at) m
      WHERE s.email_key IS NULL AND m.f = lower(coalesce(s.first_name, '')) AND m.l = lower(coalesce(s.last_name, ''))
        AND m.p = coalesce(s.phone, '')`,
    [ws],
  );

  // 3. Under `skip`, matched rows are done: they neither change contacts nor create companies.
  if (policy === "skip") await q(`DELETE FROM ${table} WHERE contact_id IS NOT NULL`);

  let stageMovesRefused = 0;
  if (policy === "update" && cols.includes("lifecycle_stage") && !input.allowBackwardStage) {
    // The stage is left as it is and the rest of the row still applies; the report says which rows and why.
    const refusedRows = `SELECT ordinal, source_row, lifecycle_stage AS wanted, prev_stage FROM ${table}
        WHERE contact_id IS NOT NULL AND lifecycle_stage IS NOT NULL AND prev_stage IS NOT NULL AND lifecycle_stage <> prev_stage
          AND lifecycle_stage NOT IN ('other', 'churned')
          AND (prev_stage IN ('other', 'churned') OR array_position($1::text[], lifecycle_stage) < array_position($1::text[], prev_stage))`;
    const clear = `UPDATE ${table} s SET lifecycle_stage = NULL FROM r WHERE s.ordinal = r.ordinal`;
    const refused = input.importId
      ? await q(
          `WITH r AS MATERIALIZED (${refusedRows}), cleared AS (${clear})
           INSERT INTO contact_import_errors (workspace_id, import_id, row_number, field, reason)
           SELECT $2, $3, r.source_row, $4,
                  'Stage kept at ' || coalesce($5::jsonb ->> r.prev_stage, r.prev_stage) || ': moving a contact back to '
                    || coalesce($5::jsonb ->> r.wanted, r.wanted) || ' needs a manager or an owner. The rest of the row was imported.'
             FROM r`,
          [FORWARD_ORDER, ws, input.importId, input.columns?.lifecycleStage ?? "lifecycle stage", JSON.stringify(STAGE_LABELS)],
        )
      : await q(`WITH r AS MATERIALIZED (${refusedRows}), cleared AS (${clear}) SELECT count(*) FROM r`, [FORWARD_ORDER]).then((res) => ({
          rowCount: Number(res.rows[0].count),
        }));
    stageMovesRefused = refused.rowCount ?? 0;
  }

  // 4. Companies: link by domain or name, create the ones that do not exist yet.
  let companiesCreated = 0;
  const linked = cols.includes("company_id");
  if (linked) {
    // No staged row has a company id yet (COPY never writes one), so every reference is still to be linked.
    await q(
      `CREATE TEMP TABLE ${COMPANY_REFS} ON COMMIT DROP AS
       SELECT company_name, company_domain, coalesce(company_name, '') AS name_key, coalesce(company_domain, '') AS domain_key,
              max(ordinal) AS ordinal, NULL::uuid AS company_id
         FROM ${table} WHERE company_name IS NOT NULL OR company_domain IS NOT NULL
        GROUP BY company_name, company_domain`,
    );
    await q(`ANALYZE ${COMPANY_REFS}`);
    await linkCompanies(q, COMPANY_REFS, ws);
    companiesCreated = await createMissingCompanies(q, COMPANY_REFS, ws);
  }
  const proposal = proposalSql(table, linked);

  // 5. Existing contacts (matched in step 2 by email, or by name and phone): one UPDATE with the policy's expressions.
  const pSets = policy === "skip" ? [] : setExpressions(policy, cols, "p", "c");
  let updated = 0;
  if (pSets.length > 0) {
    const res = await q(
      `UPDATE contacts c SET ${pSets.map(([col, expr]) => `${col} = ${expr}`).join(", ")}, updated_at = now()
         FROM (${proposal}) p
        WHERE c.workspace_id = $1 AND c.id = p.contact_id
          AND (${pSets.map(([col]) => `c.${col}`).join(", ")}) IS DISTINCT FROM (${pSets.map(([, expr]) => expr).join(", ")})`,
      [ws],
    );
    updated += res.rowCount ?? 0;
  }

  // 6. New contacts with an email.
  const fresh = await insertNewWithEmail(q, table, proposal, ws, policy, cols);
  let inserted = fresh.inserted;
  updated += fresh.updated;

  // New contacts without an email.
  const nameOnly = await q(insertNewSql(table, proposal, "p.email IS NULL AND p.contact_id IS NULL", "p.ordinal"), [ws]);
  inserted += nameOnly.rowCount ?? 0;

  // 7. Stage changes of existing contacts go into their lifecycle history, like any other move.
  // Like any other move, each also goes on the contact's timeline.
  let stageChanges = 0;
  if (policy === "update" && cols.includes("lifecycle_stage")) {
    const hist = await q(
      `WITH h AS (
         INSERT INTO lifecycle_history (workspace_id, contact_id, from_stage, to_stage, actor_label, reason)
         SELECT $1, c.id, s.prev_stage, c.lifecycle_stage, $2, $3
           FROM ${table} s JOIN contacts c ON c.id = s.contact_id AND c.workspace_id = $1
          WHERE s.lifecycle_stage IS NOT NULL AND s.prev_stage IS NOT NULL AND c.lifecycle_stage IS DISTINCT FROM s.prev_stage
         RETURNING contact_id, from_stage, to_stage
       )
       INSERT INTO contact_events (workspace_id, contact_id, type, occurred_at, properties)
       SELECT $1, h.contact_id, 'lifecycle_change', now(),
              jsonb_build_object('from', h.from_stage, 'to', h.to_stage, 'reason', $3::text, 'actor', $2::text)
         FROM h`,
      [ws, input.actorLabel, input.historyReason],
    );
    stageChanges = hist.rowCount ?? 0;
  }

  const customFieldsCreated = await defineCustomFields(q, ws, input.customColumns);

  return {
    duplicates,
    uniqueRows,
    inserted,
    updated,
    skipped: uniqueRows - inserted - updated,
    companiesCreated,
    customFieldsCreated,
    stageMovesRefused,
    stageChanges,
  };
}
