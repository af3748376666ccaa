// In live mode the seed brings the budget of the college decision, but no demo people or history.
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import { expenses, ledgerEntries, users } from "#db/schema.ts";
import { seedContent } from "#db/seed.ts";
import { seedBudget } from "#db/seed-budget.ts";
import { getBudgetFigures, getCurrentBudget } from "#app/models/budget.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";

describe("seedBudget in live mode", () => {
  const previousMode = process.env.APP_MODE;
  afterAll(() => {
    if (previousMode === undefined) delete process.env.APP_MODE;
    else process.env.APP_MODE = previousMode;
    resetEnvCache();
  });

  it("creates the budget and its allocation only", async () => {
    process.env.APP_MODE = "live";
    resetEnvCache();
    seedContent();
    expect(await seedBudget()).toEqual({
      budgetCreated: true,
      expensesCreated: 0,
      secondCoordinatorCreated: false,
    });
    expect(await seedBudget()).toEqual({
      budgetCreated: false,
      expensesCreated: 0,
      secondCoordinatorCreated: false,
    });

    const db = getDb();
    expect(db.select().from(users).all()).toEqual([]);
    expect(db.select().from(expenses).all()).toEqual([]);
    expect(db.select().from(ledgerEntries).all()).toHaveLength(1);
    const budget = getCurrentBudget(db)!;
    expect(getBudgetFigures(db, budget.id)).toEqual({
      budgetCents: 1_500_000,
      committedCents: 0,
      actualCents: 0,
      pendingCents: 0,
      availableCents: 1_500_000,
    });
  });
});
