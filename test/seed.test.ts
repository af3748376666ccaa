import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import {
  budgets,
  contentPages,
  courses,
  courseSessions,
  departments,
  expenses,
  ledgerEntries,
  learningGoals,
  memberExpertise,
  passwords,
  users,
} from "#db/schema.ts";
import { DEMO_PASSWORD, demoAccounts, seed } from "#db/seed.ts";
import { BUDGET_NAME, secondDemoCoordinator } from "#db/seed-budget.ts";
import { figuresFromLedger } from "#app/domain/budget.ts";
import { getBudgetFigures } from "#app/models/budget.server.ts";
import { attemptSignIn } from "#app/utils/account.server.ts";

const counts = () => ({
  departments: getDb().select().from(departments).all().length,
  pages: getDb().select().from(contentPages).all().length,
  users: getDb().select().from(users).all().length,
  passwords: getDb().select().from(passwords).all().length,
  learningGoals: getDb().select().from(learningGoals).all().length,
  courses: getDb().select().from(courses).all().length,
  sessions: getDb().select().from(courseSessions).all().length,
  budgets: getDb().select().from(budgets).all().length,
  expenses: getDb().select().from(expenses).all().length,
  ledgerEntries: getDb().select().from(ledgerEntries).all().length,
  expertise: getDb().select().from(memberExpertise).all().length,
});

describe("seed", () => {
  it("fills an empty database and changes nothing when run again", async () => {
    const first = await seed();
    expect(first.demoAccountsCreated).toBe(4);
    expect(first).toMatchObject({ budgetCreated: true, secondCoordinatorCreated: true });
    const afterFirst = counts();
    // The four demo accounts and the second coordinator that four eyes needs can sign in; the
    // demo colleagues cannot.
    expect(first.colleaguesCreated).toBeGreaterThan(0);
    expect(afterFirst).toMatchObject({
      users: 5 + first.colleaguesCreated,
      passwords: 5,
      budgets: 1,
    });
    // The budget history plus the demo colleague's paid enrolment request.
    expect(afterFirst.expenses).toBe(first.expensesCreated + 1);
    expect(afterFirst.departments).toBeGreaterThanOrEqual(4);
    expect(afterFirst.pages).toBeGreaterThanOrEqual(2);
    expect(afterFirst.courses).toBeGreaterThanOrEqual(10);
    expect(first.coursesCreated).toBe(afterFirst.courses);
    // Every demo account, the second coordinator and every colleague got a profile.
    expect(first.profilesFilled).toBe(5 + first.colleaguesCreated);
    expect(afterFirst.expertise).toBeGreaterThanOrEqual(2 * first.profilesFilled);

    // The administrator maintains the departments after the first seed: a new name stays.
    getDb()
      .update(departments)
      .set({ name: "Personeel, Organisatie en Ontwikkeling" })
      .where(eq(departments.code, "P&O"))
      .run();

    const second = await seed();
    expect(second.demoAccountsCreated).toBe(0);
    expect(second.coursesCreated).toBe(0);
    expect(second).toMatchObject({
      budgetCreated: false,
      expensesCreated: 0,
      secondCoordinatorCreated: false,
      profilesFilled: 0,
    });
    expect(counts()).toEqual(afterFirst);
    expect(getDb().select().from(departments).where(eq(departments.code, "P&O")).get()?.name).toBe(
      "Personeel, Organisatie en Ontwikkeling",
    );

    // The seeded budget's figures are the ledger's sums, and nothing is overspent.
    const db = getDb();
    const budget = db.select().from(budgets).where(eq(budgets.name, BUDGET_NAME)).get()!;
    const lines = db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.budgetId, budget.id))
      .all();
    const pending = db
      .select()
      .from(expenses)
      .where(eq(expenses.status, "requested"))
      .all()
      .reduce((sum, row) => sum + row.amountCents, 0);
    const figures = getBudgetFigures(db, budget.id);
    expect(figures).toEqual(figuresFromLedger(lines, pending));
    expect(figures.availableCents).toBeGreaterThan(0);
  });

  it.each(
    [...demoAccounts, secondDemoCoordinator].map(
      (account) => [account.email, account.appRole] as const,
    ),
  )("%s signs in with the demo password as %s", async (email, appRole) => {
    await seed();
    const result = await attemptSignIn({ email, password: DEMO_PASSWORD, address: "192.0.2.1" });
    expect(result.kind).toBe("success");
    if (result.kind === "success") expect(result.user.appRole).toBe(appRole);
  });
});
