// Many approvals at the same moment, from several processes with a connection each, can never
// overspend: 240 requests of € 100,00 against € 15.000,00, each sent to two processes at once.
import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import { auditLog, budgets, expenses, ledgerEntries, mailOutbox } from "#db/schema.ts";
import { figuresFromLedger } from "#app/domain/budget.ts";
import { getBudgetFigures } from "#app/models/budget.server.ts";
import { adjustBudget, requestExpense } from "#app/utils/expenses.server.ts";
import { createUser } from "#test/factories.ts";
import { projectRoot } from "#test/setup/paths.ts";
import type { WorkerOrder, WorkerReport } from "#test/support/approve-worker.ts";

const PROCESSES = 4;
const REQUESTS = 240;
const AMOUNT = 10_000; // € 100,00
const BUDGET = 1_500_000; // € 15.000,00: room for exactly 150

const shortfallMessage =
  "Dit past niet in het budget: er is € 0,00 beschikbaar, er komt € 100,00 tekort.";
const alreadyApprovedMessage = "Dit kan niet meer: de uitgave is al goedgekeurd.";

/** A fixed shuffle per process, so the processes work through their lists in different orders. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed;
  for (let i = result.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

type Worker = {
  ready: Promise<void>;
  report: Promise<WorkerReport>;
  start: (order: WorkerOrder) => void;
};

function startWorker(): Worker {
  const child = spawn(
    path.join(projectRoot, "node_modules/.bin/tsx"),
    ["test/support/approve-worker.ts"],
    {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_PATH: process.env.DATABASE_PATH },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = readline.createInterface({ input: child.stdout });
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const report = new Promise<WorkerReport>((resolve, reject) => {
    let last = "";
    lines.on("line", (line) => {
      if (line === "ready") markReady();
      else last = line;
    });
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`worker exited with ${code}: ${stderr}`));
      else resolve(JSON.parse(last) as WorkerReport);
    });
    child.on("error", reject);
  });
  return {
    // A worker that dies while loading ends the wait with its error rather than a timeout.
    ready: Promise.race([ready, report.then(() => undefined)]),
    report,
    start: (order) => child.stdin.end(`${JSON.stringify(order)}\n`),
  };
}

describe("approvals from several processes at once", () => {
  it("approve exactly what fits, each expense at most once, and refuse the rest with the shortfall", async () => {
    // Loading the app takes the processes a few seconds; they load while the data is made.
    const workers = Array.from({ length: PROCESSES }, () => startWorker());
    const requester = await createUser({ appRole: "coordinator", name: "Coördinator A" });
    const approver = await createUser({ appRole: "coordinator", name: "Coördinator B" });
    await createUser({ appRole: "hr", name: "P&O" });
    const db = getDb();
    const budget = db
      .insert(budgets)
      .values({
        name: "Opleidingsbudget onder druk",
        fundingSource: "Incidentele middelen",
        decisionDate: "2023-01-31",
        decisionReference: "Z.180338 / D.1436779",
        startDate: "2023-02-01",
        endDate: "2027-12-31",
      })
      .returning()
      .get();
    expect(adjustBudget(budget.id, BUDGET, "Toekenning", approver, "test").ok).toBe(true);

    const ids: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const result = await requestExpense(
        {
          budgetId: budget.id,
          description: `Aanvraag ${i + 1}`,
          supplier: "Bureau",
          kind: "other",
          amountCents: AMOUNT,
        },
        requester,
        "test",
        new Date(),
        { notify: false },
      );
      if (!result.ok) throw new Error(result.message);
      ids.push(result.value.expenseId);
    }

    // Every id goes to two processes (its own slot and the next one), in a different order in each.
    const lists = Array.from({ length: PROCESSES }, (_, p) =>
      shuffled(
        ids.filter((_, index) => index % PROCESSES === p || (index + 1) % PROCESSES === p),
        p + 1,
      ),
    );
    await Promise.all(workers.map((worker) => worker.ready));
    workers.forEach((worker, p) =>
      worker.start({ approverId: approver.id, expenseIds: lists[p]! }),
    );
    const reports = await Promise.all(workers.map((worker) => worker.report));

    // Every process ran on its own, and none of them hit an error (e.g. SQLITE_BUSY).
    expect(new Set(reports.map((report) => report.pid)).size).toBe(PROCESSES);
    expect(reports.flatMap((report) => report.errors)).toEqual([]);
    const attempts = reports.flatMap((report) => report.attempts);
    expect(attempts).toHaveLength(REQUESTS * 2);

    // Exactly what fits was approved, each expense once.
    const successes = attempts.filter((attempt) => attempt.ok);
    expect(successes).toHaveLength(BUDGET / AMOUNT);
    expect(new Set(successes.map((attempt) => attempt.expenseId)).size).toBe(BUDGET / AMOUNT);
    const rows = db.select().from(expenses).where(eq(expenses.budgetId, budget.id)).all();
    const approvedIds = new Set(
      rows.filter((row) => row.status === "approved").map((row) => row.id),
    );
    expect(approvedIds.size).toBe(BUDGET / AMOUNT);
    expect(rows.filter((row) => row.status === "requested")).toHaveLength(
      REQUESTS - BUDGET / AMOUNT,
    );
    expect(new Set(successes.map((attempt) => attempt.expenseId))).toEqual(approvedIds);

    // One commitment entry per approved expense, none for the others.
    const commitments = db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.budgetId, budget.id), eq(ledgerEntries.type, "commitment")))
      .all();
    expect(commitments).toHaveLength(BUDGET / AMOUNT);
    expect(new Set(commitments.map((entry) => entry.expenseId))).toEqual(approvedIds);

    // The figures are the ledger's sums: fully committed, never below zero.
    const lines = db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.budgetId, budget.id))
      .all();
    const figures = getBudgetFigures(db, budget.id);
    expect(figures).toEqual(figuresFromLedger(lines, (REQUESTS - BUDGET / AMOUNT) * AMOUNT));
    expect(figures).toMatchObject({
      budgetCents: BUDGET,
      committedCents: BUDGET,
      actualCents: 0,
      availableCents: 0,
    });

    // The refusals: a second approval of an approved expense, or the shortfall, nothing else.
    const refusals = attempts.filter((attempt) => !attempt.ok);
    for (const refusal of refusals) {
      const expected = approvedIds.has(refusal.expenseId)
        ? alreadyApprovedMessage
        : shortfallMessage;
      expect(refusal.message?.replace(/\u00a0/g, " ")).toBe(expected);
    }
    // Both attempts on every expense that did not fit were refused for the shortfall.
    const shortfalls = refusals.filter((refusal) => !approvedIds.has(refusal.expenseId));
    expect(shortfalls).toHaveLength((REQUESTS - BUDGET / AMOUNT) * 2);

    // One audit row per approval; one mail per approval to the requester; the 80 % warning once.
    const audits = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "expense_approved"))
      .all()
      .filter((row) => approvedIds.has(Number(row.objectId)));
    expect(audits).toHaveLength(BUDGET / AMOUNT);
    const mails = db.select().from(mailOutbox).all();
    expect(
      mails.filter(
        (mail) => mail.template === "expense_decided" && mail.toAddress === requester.email,
      ),
    ).toHaveLength(BUDGET / AMOUNT);
    const warnings = mails.filter((mail) => mail.template === "budget_warning");
    // Coordinators A and B and P&O, once each: the crossing happened in exactly one transaction.
    expect(warnings).toHaveLength(3);
    for (const warning of warnings)
      expect(warning.text.replace(/\u00a0/g, " ")).toContain("Beschikbaar: € 3.000,00");
  }, 120_000);
});
