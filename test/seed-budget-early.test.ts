// The demo history is cut at `now`: a seed on 1 July 2023 holds only what had happened by then.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import { expenses, ledgerEntries } from "#db/schema.ts";
import { seedContent, seedDemoAccounts } from "#db/seed.ts";
import { seedBudget } from "#db/seed-budget.ts";
import { figuresFromLedger } from "#app/domain/budget.ts";
import { getBudgetFigures, getCurrentBudget } from "#app/models/budget.server.ts";

describe("seedBudget on an early date", () => {
  it("replays only the steps up to now, and the figures still equal the ledger", async () => {
    const now = new Date("2023-07-01T00:00:00.000Z");
    seedContent();
    await seedDemoAccounts();
    // Without the catalogue the expenses are simply not linked to a course. What is still open in
    // the demo (two approved trainings, two requests) is always recent, whatever `now` is.
    expect(await seedBudget(now)).toMatchObject({ budgetCreated: true, expensesCreated: 8 });

    const db = getDb();
    const rows = db.select().from(expenses).all();
    expect(rows.map((row) => [row.description, row.status])).toEqual([
      ["Aftrap Gilde OGW: zaalhuur en catering", "paid"],
      ["Basistraining opgavegericht werken, groep 1: trainershonorarium", "paid"],
      ["Prioriteren tussen werksoorten voor lijnmanagers: trainershonorarium", "approved"],
      // Approved after the college's decision, the invoice still to come.
      ["Leergang opgavegericht werken voor een opgaveregisseur", "approved"],
      ["Workshop een opgave afbakenen, groep 2: trainershonorarium", "approved"],
      // Approved on 22 June, paid only on 12 July.
      ["Kennissessie vier werksoorten: koffie en lunch", "approved"],
      ["Kennissessie lessen uit andere gemeenten: gastspreker en zaal", "requested"],
      ["Coaching on the job voor een opgaveregisseur", "requested"],
    ]);
    expect(rows.every((row) => row.courseId === null && row.requestedAt <= now.toISOString())).toBe(
      true,
    );
    const ledger = db.select().from(ledgerEntries).all();
    expect(ledger.every((entry) => entry.at <= now.toISOString())).toBe(true);
    const budget = getCurrentBudget(db)!;
    const figures = getBudgetFigures(db, budget.id);
    expect(figures).toEqual(figuresFromLedger(ledger, 170_000));
    expect(figures).toMatchObject({
      committedCents: 549_500,
      actualCents: 164_240,
      availableCents: 786_260,
    });
  });
});
