// The product's rules as queries over the whole database: after fuzzing, each must find nothing.
import { getDb, getSqlite } from "#db/client.server.ts";
import { getBudgetFigures } from "#app/models/budget.server.ts";
import { appRoles, ogwRoles, userStatuses } from "#app/domain/roles.ts";
import { enrolmentStatuses, expenseStatuses } from "#db/schema.ts";
import { MARKER_AMOUNT, MARKER_ID, MARKER_TEXT } from "./hostile.ts";

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(", ");

/** Each query selects the rows that break one rule. */
const ruleQueries: Record<string, string> = {
  "confirmed enrolments never exceed the capacity": `
    SELECT s.id, s.capacity, count(e.id) AS confirmed FROM course_sessions s
    JOIN enrolments e ON e.session_id = s.id AND e.status = 'confirmed'
    GROUP BY s.id HAVING count(e.id) > s.capacity`,
  "at most one active enrolment per member per session": `
    SELECT session_id, member_id, count(*) AS n FROM enrolments
    WHERE status IN ('confirmed', 'waitlisted', 'requested')
    GROUP BY session_id, member_id HAVING count(*) > 1`,
  "no expense decided by its own requester": `
    SELECT id FROM expenses WHERE decided_by_id IS NOT NULL AND decided_by_id = requested_by_id`,
  "no enrolment decided by its own member": `
    SELECT id FROM enrolments WHERE decided_by_id IS NOT NULL AND decided_by_id = member_id`,
  "feedback only for attended enrolments, rating 1 to 5": `
    SELECT f.id FROM feedback f JOIN enrolments e ON e.id = f.enrolment_id
    WHERE e.status <> 'confirmed' OR e.attendance IS NOT 'attended'
       OR typeof(f.rating) <> 'integer' OR f.rating NOT BETWEEN 1 AND 5
       OR (f.comment IS NOT NULL AND length(f.comment) > 2000)`,
  "attendance only for confirmed enrolments": `
    SELECT id FROM enrolments WHERE attendance IS NOT NULL AND status <> 'confirmed'`,
  "expense amounts are positive integers, payments non-negative integers": `
    SELECT id FROM expenses
    WHERE typeof(amount_cents) <> 'integer' OR amount_cents <= 0
       OR (paid_amount_cents IS NOT NULL
           AND (typeof(paid_amount_cents) <> 'integer' OR paid_amount_cents < 0))`,
  "ledger amounts are integers, positive except allocations and corrections": `
    SELECT id FROM ledger_entries WHERE typeof(amount_cents) <> 'integer'
       OR (type NOT IN ('allocation', 'correction') AND amount_cents <= 0)`,
  "course and session amounts are non-negative integers, capacity at least 1": `
    SELECT 'course', id FROM courses
    WHERE typeof(cost_per_participant_cents) <> 'integer' OR cost_per_participant_cents < 0
    UNION ALL
    SELECT 'session', id FROM course_sessions
    WHERE typeof(session_cost_cents) <> 'integer' OR session_cost_cents < 0
       OR typeof(capacity) <> 'integer' OR capacity < 1
       OR ends_at <= starts_at OR enrolment_deadline > starts_at`,
  "budget thresholds are positive integers and periods in order": `
    SELECT id FROM budgets WHERE typeof(significance_threshold_cents) <> 'integer'
       OR significance_threshold_cents <= 0 OR end_date <= start_date`,
  "statuses and roles come from their lists": `
    SELECT 'user', id FROM users WHERE app_role NOT IN (${list(appRoles)})
       OR ogw_role NOT IN (${list(ogwRoles)}) OR status NOT IN (${list(userStatuses)})
    UNION ALL SELECT 'expense', id FROM expenses WHERE status NOT IN (${list(expenseStatuses)})
    UNION ALL SELECT 'enrolment', id FROM enrolments WHERE status NOT IN (${list(enrolmentStatuses)})
    UNION ALL SELECT 'session', id FROM course_sessions
      WHERE status NOT IN ('planned', 'cancelled', 'held')`,
  "a decided expense names its decider; a paid one its payment": `
    SELECT id FROM expenses
    WHERE (status IN ('approved', 'paid', 'rejected') AND decided_by_id IS NULL
           AND college_outcome IS NOT 'rejected')
       OR (status = 'paid' AND (paid_amount_cents IS NULL OR paid_at IS NULL))
       OR (status = 'requested' AND (decided_by_id IS NOT NULL OR paid_amount_cents IS NOT NULL))`,
  "a significant expense is only approved after the college approved it": `
    SELECT id FROM expenses WHERE significant = 1 AND status IN ('approved', 'paid')
       AND college_outcome IS NOT 'approved'`,
  "each expense's ledger lines match its state": `
    SELECT x.id FROM expenses x
    LEFT JOIN (
      SELECT expense_id,
        sum(CASE type WHEN 'commitment' THEN amount_cents WHEN 'release' THEN -amount_cents ELSE 0 END) AS committed,
        sum(CASE WHEN type IN ('actual', 'correction') THEN amount_cents ELSE 0 END) AS actual
      FROM ledger_entries WHERE expense_id IS NOT NULL GROUP BY expense_id
    ) l ON l.expense_id = x.id
    WHERE coalesce(l.committed, 0) <> (CASE WHEN x.status = 'approved' THEN x.amount_cents ELSE 0 END)
       OR coalesce(l.actual, 0) <> (CASE WHEN x.status = 'paid' THEN x.paid_amount_cents ELSE 0 END)`,
  "profile texts within their limits": `
    SELECT id FROM users WHERE length(team) > 100 OR length(introduction) > 2000
    UNION ALL SELECT user_id FROM member_expertise WHERE length(tag) NOT BETWEEN 2 AND 40`,
  "department codes and names within their limits": `
    SELECT id FROM departments WHERE length(code) NOT BETWEEN 2 AND 12
       OR length(trim(name)) NOT BETWEEN 3 AND 100`,
};

/** Every broken rule, as "rule: offending rows"; empty when the database keeps all rules. */
export function ruleViolations(): string[] {
  const sqlite = getSqlite();
  const problems: string[] = [];
  const integrity = sqlite.pragma("integrity_check", { simple: true });
  if (integrity !== "ok") problems.push(`integrity_check: ${String(integrity)}`);
  const foreignKeys = sqlite.pragma("foreign_key_check") as unknown[];
  if (foreignKeys.length > 0)
    problems.push(`foreign_key_check: ${JSON.stringify(foreignKeys.slice(0, 5))}`);
  for (const [rule, query] of Object.entries(ruleQueries)) {
    const rows = sqlite.prepare(query).all();
    if (rows.length > 0) problems.push(`${rule}: ${JSON.stringify(rows.slice(0, 5))}`);
  }
  problems.push(...budgetFigureProblems());
  return problems;
}

/** The app's own budget figures against a recomputation from the expenses' states. */
function budgetFigureProblems(): string[] {
  const sqlite = getSqlite();
  const problems: string[] = [];
  const budgets = sqlite.prepare("SELECT id FROM budgets").all() as { id: number }[];
  for (const { id } of budgets) {
    const figures = getBudgetFigures(getDb(), id);
    const expected = sqlite
      .prepare(
        `SELECT
          (SELECT coalesce(sum(amount_cents), 0) FROM ledger_entries
            WHERE budget_id = @id AND type = 'allocation') AS budget,
          coalesce(sum(CASE WHEN status = 'approved' THEN amount_cents END), 0) AS committed,
          coalesce(sum(CASE WHEN status = 'paid' THEN paid_amount_cents END), 0) AS actual,
          coalesce(sum(CASE WHEN status = 'requested' THEN amount_cents END), 0) AS pending
        FROM expenses WHERE budget_id = @id`,
      )
      .get({ id }) as { budget: number; committed: number; actual: number; pending: number };
    const recomputed = {
      budgetCents: expected.budget,
      committedCents: expected.committed,
      actualCents: expected.actual,
      pendingCents: expected.pending,
      availableCents: expected.budget - expected.committed - expected.actual,
    };
    if (JSON.stringify(figures) !== JSON.stringify(recomputed))
      problems.push(
        `budget ${id} figures ${JSON.stringify(figures)} differ from the expenses ${JSON.stringify(recomputed)}`,
      );
    // The hard stop: no decision may spend money that is not there.
    if (figures.availableCents < 0)
      problems.push(`budget ${id} is overspent: ${JSON.stringify(figures)}`);
  }
  return problems;
}

/** Every cell in every table that holds one of the injected forbidden markers. */
export function persistedMarkers(): string[] {
  const sqlite = getSqlite();
  const found: string[] = [];
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  for (const { name } of tables) {
    const columns = sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as {
      name: string;
    }[];
    for (const { name: column } of columns) {
      const rows = sqlite
        .prepare(
          `SELECT substr("${column}", 1, 80) AS value FROM "${name}"
           WHERE "${column}" IN (${MARKER_ID}, ${MARKER_AMOUNT}, '${MARKER_ID}', '${MARKER_AMOUNT}')
              OR instr(lower(CAST("${column}" AS TEXT)), lower('${MARKER_TEXT}')) > 0
              OR instr(CAST("${column}" AS TEXT), '${MARKER_AMOUNT}') > 0
           LIMIT 3`,
        )
        .all() as { value: unknown }[];
      for (const row of rows) found.push(`${name}.${column}: ${String(row.value)}`);
    }
  }
  return found;
}
