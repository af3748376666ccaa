// The seeded training budget: the college's € 15.000 and a demo history that keeps every rule.
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import { auditLog, budgets, expenses, ledgerEntries, mailOutbox } from "#db/schema.ts";
import { seedContent, seedDemoAccounts } from "#db/seed.ts";
import { BUDGET_NAME, secondDemoCoordinator, seedBudget } from "#db/seed-budget.ts";
import { seedCatalogue } from "#db/seed-catalogue.ts";
import { figuresFromLedger } from "#app/domain/budget.ts";
import { getBudgetFigures } from "#app/models/budget.server.ts";
import { findUserByEmail } from "#app/models/users.server.ts";

const now = new Date("2026-11-28T12:00:00.000Z");

const counts = () => {
  const db = getDb();
  return {
    budgets: db.select().from(budgets).all().length,
    expenses: db.select().from(expenses).all().length,
    ledgerEntries: db.select().from(ledgerEntries).all().length,
    audit: db.select().from(auditLog).all().length,
    mail: db.select().from(mailOutbox).all().length,
  };
};

describe("seedBudget in demo mode", () => {
  it("seeds the budget once, with a history up to now that keeps every rule", async () => {
    seedContent();
    seedCatalogue(now);
    await seedDemoAccounts();
    const first = await seedBudget(now);
    expect(first).toEqual({
      budgetCreated: true,
      expensesCreated: 19,
      secondCoordinatorCreated: true,
    });

    const db = getDb();
    const budget = db.select().from(budgets).where(eq(budgets.name, BUDGET_NAME)).get()!;
    expect(budget).toMatchObject({
      fundingSource: "Incidentele middelen concernontwikkeling (organisatiescan)",
      decisionDate: "2023-01-31",
      decisionReference: "Z.180338 / D.1436779",
      startDate: "2023-02-01",
      endDate: "2027-12-31",
      significanceThresholdCents: 250_000,
    });

    const ledger = db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.budgetId, budget.id))
      .orderBy(asc(ledgerEntries.id))
      .all();
    expect(ledger[0]).toMatchObject({
      type: "allocation",
      amountCents: 1_500_000,
      createdById: null,
      reason: "Toekenning collegebesluit 31 januari 2023",
      at: "2023-02-01T08:00:00.000Z",
    });
    // Replayed in date order: the ledger's order is the calendar's, from the allocation up to now.
    const times = ledger.map((entry) => entry.at);
    expect(times).toEqual([...times].sort());
    expect(times.at(-1)! <= now.toISOString()).toBe(true);

    // The figures are the ledger's sums; about € 9.800 in use, nothing overspent.
    const rows = db.select().from(expenses).where(eq(expenses.budgetId, budget.id)).all();
    const pending = rows
      .filter((row) => row.status === "requested")
      .reduce((sum, row) => sum + row.amountCents, 0);
    const figures = getBudgetFigures(db, budget.id);
    expect(figures).toEqual(figuresFromLedger(ledger, pending));
    expect(figures).toEqual({
      budgetCents: 1_500_000,
      committedCents: 245_000,
      actualCents: 735_295,
      pendingCents: 170_000,
      availableCents: 519_705,
    });
    expect(figures.committedCents + figures.actualCents).toBeGreaterThanOrEqual(800_000);
    expect(figures.committedCents + figures.actualCents).toBeLessThanOrEqual(1_000_000);

    // Four eyes: every decision by the other coordinator.
    const joris = findUserByEmail(db, "coordinator@gilde.example")!;
    const annelies = findUserByEmail(db, secondDemoCoordinator.email)!;
    for (const row of rows.filter((row) => row.decidedById !== null)) {
      expect(row.decidedById, row.description).not.toBe(row.requestedById);
      expect([joris.id, annelies.id]).toContain(row.decidedById);
    }
    const byStatus = (status: string) => rows.filter((row) => row.status === status).length;
    expect({
      requested: byStatus("requested"),
      approved: byStatus("approved"),
      paid: byStatus("paid"),
      rejected: byStatus("rejected"),
      cancelled: byStatus("cancelled"),
    }).toEqual({ requested: 2, approved: 2, paid: 10, rejected: 3, cancelled: 2 });

    // The one significant expense went to the college first.
    const significant = rows.filter((row) => row.significant);
    expect(significant).toHaveLength(1);
    expect(significant[0]).toMatchObject({
      status: "paid",
      collegeOutcome: "approved",
      collegeDecisionDate: "2023-06-13",
    });
    const approvedAt = ledger.find(
      (entry) => entry.expenseId === significant[0]!.id && entry.type === "commitment",
    )!.at;
    expect(approvedAt > "2023-06-13").toBe(true);

    // Invoices higher and lower than approved, as corrections.
    const corrections = ledger
      .filter((entry) => entry.type === "correction")
      .map((entry) => entry.amountCents);
    expect(corrections.some((cents) => cents > 0)).toBe(true);
    expect(corrections.some((cents) => cents < 0)).toBe(true);

    // Linked to the catalogue where that is natural; the recent ones to their session.
    expect(rows.filter((row) => row.courseId !== null).length).toBeGreaterThanOrEqual(14);
    expect(
      rows
        .filter((row) => row.status === "approved" || row.status === "requested")
        .every((row) => row.sessionId !== null),
    ).toBe(true);
    for (const row of rows) {
      expect(
        row.requestedAt >= "2023-02-01" && row.requestedAt <= now.toISOString(),
        row.description,
      ).toBe(true);
    }

    // History is not news: the seed queues no mail.
    expect(counts().mail).toBe(0);

    const afterFirst = counts();
    const again = await seedBudget(new Date(now.getTime() + 86_400_000));
    expect(again).toEqual({
      budgetCreated: false,
      expensesCreated: 0,
      secondCoordinatorCreated: false,
    });
    expect(counts()).toEqual(afterFirst);
  });
});
