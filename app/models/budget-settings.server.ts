// Creating a budget row; changing its settings is `updateBudgetSettings` in budget.server.ts.
import type { Db } from "#db/client.server.ts";
import { budgets } from "#db/schema.ts";
import type { Budget } from "#app/models/budget.server.ts";

export type NewBudget = typeof budgets.$inferInsert;

export function insertBudget(db: Db, values: NewBudget): Budget {
  return db.insert(budgets).values(values).returning().get();
}
