// The budget aggregates of migration 0009 (docs/decisions/010-maintained-budget-aggregates.md): after
// a random mix of real budget operations they equal a recomputation from the rows, the page shows
// what the full report computes from every ledger entry, and the migration's backfill agrees.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getSqlite } from "#db/client.server.ts";
import { getDb } from "#db/client.server.ts";
import { migrationsFolder } from "#db/migrate.ts";
import type { ExpenseKind } from "#db/schema.ts";
import { ogwRoles } from "#app/domain/roles.ts";
import { getBudgetFigures, recomputeBudgetFigures } from "#app/models/budget.server.ts";
import { createBudget } from "#app/utils/budget-settings.server.ts";
import { buildBudgetOverview, buildBudgetReport } from "#app/utils/budget-report.server.ts";
import {
  adjustBudget,
  approveExpense,
  cancelExpense,
  payExpense,
  recordCollegeDecision,
  rejectExpense,
  requestExpense,
  type Actor,
} from "#app/utils/expenses.server.ts";
import { createUser, ensureDepartment } from "#test/factories.ts";

const quiet = { notify: false };
const address = "192.0.2.7";
const kinds: ExpenseKind[] = ["in_house", "knowledge_session", "individual", "other"];

/** A small deterministic generator, so a failure can be replayed from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

function recomputedGroups(budgetId: number) {
  return getSqlite()
    .prepare(
      `SELECT kind, coalesce(department_id, 0) AS department_id, coalesce(ogw_role, '') AS ogw_role,
         status, count(*) AS expense_count, sum(amount_cents) AS amount_cents,
         sum(coalesce(paid_amount_cents, amount_cents)) AS settled_cents
       FROM expenses WHERE budget_id = ?
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    )
    .all(budgetId);
}

function maintainedGroups(budgetId: number) {
  return getSqlite()
    .prepare(
      `SELECT kind, department_id, ogw_role, status, expense_count, amount_cents, settled_cents
       FROM budget_expense_groups WHERE budget_id = ? AND expense_count > 0
       ORDER BY 1, 2, 3, 4`,
    )
    .all(budgetId);
}

function maintainedState() {
  const sqlite = getSqlite();
  return {
    totals: sqlite.prepare("SELECT * FROM budget_ledger_totals ORDER BY budget_id").all(),
    buckets: sqlite
      .prepare(
        "SELECT * FROM budget_ledger_buckets WHERE available_delta_cents <> 0 ORDER BY budget_id, bucket",
      )
      .all(),
    groups: sqlite
      .prepare(
        `SELECT * FROM budget_expense_groups WHERE expense_count > 0
         ORDER BY budget_id, kind, department_id, ogw_role, status`,
      )
      .all(),
  };
}

/** The page's view of the budget must be exactly what the report computes from every row. */
function expectOverviewMatchesReport(now: Date) {
  const report = buildBudgetReport(getDb(), now)!;
  const overview = buildBudgetOverview(getDb(), now)!;
  expect(overview.figures).toEqual(report.figures);
  expect(overview.series).toEqual(report.series);
  expect(overview.pace).toEqual(report.pace);
  expect(overview.runOut).toEqual(report.runOut);
  expect(overview.runOutSentence).toEqual(report.runOutSentence);
  expect(overview.aboveWarning).toEqual(report.aboveWarning);
  expect(overview.byKind).toEqual(report.byKind);
  expect(overview.byDepartment).toEqual(report.byDepartment);
  expect(overview.byOgwRole).toEqual(report.byOgwRole);
  expect(overview.significantExpenses).toEqual(
    report.expenses.filter((expense) => expense.significant),
  );
}

let budgetId: number;
let adminId: number;
let actors: Actor[];
let lastNow: Date;
const counts = new Map<string, number>();

beforeAll(async () => {
  const departments = [
    ensureDepartment("MO/MB", "Maatschappelijke Ontwikkeling"),
    ensureDepartment("P&O", "Personeel en Organisatie"),
    ensureDepartment("OOV", "Openbare Orde en Veiligheid"),
  ];
  const admin = await createUser({ appRole: "admin", name: "Beheerder Aggregaten" });
  adminId = admin.id;
  actors = [];
  for (let i = 0; i < 4; i++) {
    const user = await createUser({ appRole: "coordinator", name: `Coördinator ${i}` });
    actors.push({
      id: user.id,
      name: user.name,
      // The last one has no department: "Geen afdeling" in the breakdown.
      departmentId: i < 3 ? departments[i]! : null,
      ogwRole: ogwRoles[i % ogwRoles.length]!,
    });
  }
  const created = createBudget(
    {
      name: "Opleidingsbudget aggregaten",
      fundingSource: "Test",
      decisionDate: "2024-01-15",
      decisionReference: "Z.1 / D.1",
      startDate: "2024-02-01",
      endDate: "2025-12-31",
      significanceThresholdCents: 250_000,
      initialAmountCents: 5_000_000,
    },
    { id: adminId },
    address,
    new Date("2024-01-31T23:30:00.000Z"),
  );
  if (!created.ok) throw new Error(created.message);
  budgetId = created.value.budgetId;

  // Steps of 1 to 20 hours from late March: every hour of the day comes by, the 22:00 and 23:00
  // UTC hours that fall on the next day in Huizen included, and both daylight-saving changes.
  const rng = random(20_240_330);
  let at = Date.parse("2024-03-29T18:00:00.000Z");
  const open: number[] = [];
  const approved: number[] = [];
  const significantOpen: number[] = [];
  const tick = () => {
    at += rng.int(60, 20 * 60) * 60_000 + rng.int(0, 59_999);
    return new Date(at);
  };
  const count = (what: string, ok: boolean) => {
    if (ok) counts.set(what, (counts.get(what) ?? 0) + 1);
  };
  for (let step = 0; step < 140; step++) {
    const now = tick();
    const roll = rng.next();
    const requester = rng.pick(actors);
    const decider = rng.pick(actors.filter((actor) => actor.id !== requester.id));
    if (roll < 0.35 || open.length === 0) {
      const significant = rng.next() < 0.15;
      const result = await requestExpense(
        {
          budgetId,
          description: `Uitgave ${step}`,
          supplier: "Leverancier",
          kind: rng.pick(kinds),
          amountCents: significant ? rng.int(250_000, 400_000) : rng.int(1_000, 200_000),
        },
        requester,
        address,
        now,
        quiet,
      );
      count("request", result.ok);
      if (result.ok)
        (result.value.significant ? significantOpen : open).push(result.value.expenseId);
    } else if (roll < 0.55) {
      const id = open.splice(rng.int(0, open.length - 1), 1)[0]!;
      const result = await approveExpense(id, decider, address, now, quiet);
      count("approve", result.ok);
      (result.ok ? approved : open).push(id);
    } else if (roll < 0.62) {
      const id = open.splice(rng.int(0, open.length - 1), 1)[0]!;
      count("reject", (await rejectExpense(id, "Past niet.", decider, address, now, quiet)).ok);
    } else if (roll < 0.8 && approved.length > 0) {
      const id = approved.splice(rng.int(0, approved.length - 1), 1)[0]!;
      // Exactly, less or more than approved: the correction entry goes either way.
      const expense = getSqlite()
        .prepare("SELECT amount_cents FROM expenses WHERE id = ?")
        .get(id) as { amount_cents: number };
      const paid = rng.pick([0, -rng.int(1, 5_000), rng.int(1, 5_000)]) + expense.amount_cents;
      const result = await payExpense(id, paid, decider, address, now, quiet);
      count("pay", result.ok);
      if (!result.ok) approved.push(id);
    } else if (roll < 0.86 && approved.length > 0) {
      const id = approved.splice(rng.int(0, approved.length - 1), 1)[0]!;
      const result = await cancelExpense(id, "Gaat niet door.", decider, address, now, quiet);
      count("cancel approved", result.ok);
    } else if (roll < 0.9 && significantOpen.length > 0) {
      const id = significantOpen.shift()!;
      const outcome = rng.next() < 0.7 ? "approved" : "rejected";
      const result = await recordCollegeDecision(
        id,
        { outcome, date: now.toISOString().slice(0, 10), reference: `Z.${step} / D.${step}` },
        decider,
        address,
        now,
        quiet,
      );
      count(`college ${outcome}`, result.ok);
      if (result.ok && outcome === "approved") open.push(id);
    } else {
      const amount = rng.pick([1, -1]) * rng.int(10_000, 300_000);
      const result = adjustBudget(budgetId, amount, "Bijstelling", { id: adminId }, address, now);
      count("adjust", result.ok);
    }
  }
  lastNow = new Date(at + 3 * 86_400_000);
});

describe("the maintained budget aggregates", () => {
  it("went through a real mix of operations", () => {
    for (const what of ["request", "approve", "reject", "pay", "cancel approved", "adjust"]) {
      expect(counts.get(what) ?? 0, what).toBeGreaterThan(0);
    }
  });

  it("equal the figures recomputed from the ledger rows", () => {
    const figures = getBudgetFigures(getDb(), budgetId);
    expect(figures).toEqual(recomputeBudgetFigures(getDb(), budgetId));
    expect(figures.actualCents).toBeGreaterThan(0);
    expect(figures.committedCents).toBeGreaterThan(0);
    expect(figures.pendingCents).toBeGreaterThan(0);
  });

  it("keep the expense groups equal to a recount of the expenses", () => {
    expect(maintainedGroups(budgetId)).toEqual(recomputedGroups(budgetId));
  });

  it("give the page the same figures, series and breakdowns as the report built from every row", () => {
    expectOverviewMatchesReport(lastNow);
    // Also on a day inside the operations, when the series ends with a point for today.
    expectOverviewMatchesReport(new Date("2024-06-01T12:00:00.000Z"));
  });

  it("follow entries written outside the services, on the hours that belong to the next day", () => {
    const insert = getSqlite().prepare(
      `INSERT INTO ledger_entries (budget_id, expense_id, type, amount_cents, reason, created_by_id, at)
       VALUES (?, NULL, 'allocation', ?, 'Rechtstreeks geboekt', ?, ?)`,
    );
    // 22:30 UTC is the next day in summer and the same day in winter; 23:59 always the next day.
    insert.run(budgetId, 12_345, adminId, "2024-07-10T22:30:00.000Z");
    insert.run(budgetId, -2_345, adminId, "2024-12-10T22:30:00.000Z");
    insert.run(budgetId, 777, adminId, "2024-12-11T23:59:59.999Z");
    insert.run(budgetId, 1_000, adminId, "2024-10-27T00:59:59.999Z");
    insert.run(budgetId, 1_001, adminId, "2024-10-27T01:00:00.000Z");
    expect(getBudgetFigures(getDb(), budgetId)).toEqual(recomputeBudgetFigures(getDb(), budgetId));
    expectOverviewMatchesReport(lastNow);
  });

  it("stay as they are when the append-only ledger refuses a change", () => {
    const before = maintainedState();
    expect(() =>
      getSqlite().prepare("UPDATE ledger_entries SET amount_cents = amount_cents + 1").run(),
    ).toThrow(/append-only/);
    expect(() => getSqlite().prepare("DELETE FROM ledger_entries").run()).toThrow(/append-only/);
    expect(maintainedState()).toEqual(before);
  });

  it("come out the same from the migration's backfill as from the triggers", () => {
    const before = maintainedState();
    expect(before.buckets.length).toBeGreaterThan(10);
    const file = fs
      .readdirSync(migrationsFolder)
      .find((name) => name.startsWith("0009_") && name.endsWith(".sql"))!;
    const statements = fs
      .readFileSync(path.join(migrationsFolder, file), "utf8")
      .split("--> statement-breakpoint")
      .map((statement) => statement.trim())
      .filter((statement) => /^(--[^\n]*\n)*INSERT INTO budget_/.test(statement));
    expect(statements).toHaveLength(3);
    const sqlite = getSqlite();
    sqlite.transaction(() => {
      for (const table of [
        "budget_ledger_totals",
        "budget_ledger_buckets",
        "budget_expense_groups",
      ])
        sqlite.prepare(`DELETE FROM ${table}`).run();
      for (const statement of statements) sqlite.prepare(statement).run();
    })();
    expect(maintainedState()).toEqual(before);
  });
});
