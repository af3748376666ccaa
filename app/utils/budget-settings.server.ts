// The administrator's writes to a budget's settings: creating the budget with its first allocation,
// and changing its settings. Each one decides, writes and audits in one IMMEDIATE transaction.
import { writeTransaction } from "#db/client.server.ts";
import { recordAudit } from "#app/models/audit.server.ts";
import {
  appendLedgerEntries,
  getBudget,
  getCurrentBudget,
  updateBudgetSettings,
  type Budget,
} from "#app/models/budget.server.ts";
import { insertBudget } from "#app/models/budget-settings.server.ts";
import type { FlowResult } from "./account.server.ts";

export type BudgetSettings = Pick<
  Budget,
  | "name"
  | "fundingSource"
  | "decisionDate"
  | "decisionReference"
  | "startDate"
  | "endDate"
  | "significanceThresholdCents"
>;

export const budgetSettingKeys = [
  "name",
  "fundingSource",
  "decisionDate",
  "decisionReference",
  "startDate",
  "endDate",
  "significanceThresholdCents",
] as const satisfies readonly (keyof BudgetSettings)[];

/** The settings that differ, as before/after pairs for the audit log. */
export function settingsChanges(before: BudgetSettings, after: BudgetSettings) {
  const changed = budgetSettingKeys.filter((key) => before[key] !== after[key]);
  return {
    changed,
    before: Object.fromEntries(changed.map((key) => [key, before[key]])) as Partial<BudgetSettings>,
    after: Object.fromEntries(changed.map((key) => [key, after[key]])) as Partial<BudgetSettings>,
  };
}

export function changeBudgetSettings(
  budgetId: number,
  settings: BudgetSettings,
  actor: { id: number },
  address: string,
  now = new Date(),
): FlowResult<{ changed: (keyof BudgetSettings)[] }> {
  return writeTransaction((tx) => {
    const budget = getBudget(tx, budgetId);
    if (!budget) return { ok: false as const, message: "Dit budget bestaat niet." };
    const { changed, before, after } = settingsChanges(budget, settings);
    // Saving an unchanged form writes nothing, so the audit log only holds real changes.
    if (changed.length === 0) return { ok: true as const, value: { changed } };
    updateBudgetSettings(tx, budgetId, after, now);
    recordAudit(tx, {
      actorId: actor.id,
      action: "budget_settings_changed",
      objectType: "budget",
      objectId: budgetId,
      result: "success",
      origin: address,
      details: { before, after },
      at: now,
    });
    return { ok: true as const, value: { changed } };
  });
}

export type NewBudgetInput = BudgetSettings & { initialAmountCents: number };

/** Creates the guild's budget with its first allocation; refused when there already is one. */
export function createBudget(
  input: NewBudgetInput,
  actor: { id: number },
  address: string,
  now = new Date(),
): FlowResult<{ budgetId: number }> {
  return writeTransaction((tx) => {
    // Checked inside the transaction: two admins submitting at once still make one budget.
    if (getCurrentBudget(tx))
      return { ok: false as const, message: "Er is al een budget; pas dat aan." };
    const { initialAmountCents, ...settings } = input;
    const budget = insertBudget(tx, {
      ...settings,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    appendLedgerEntries(tx, [{ type: "allocation", amountCents: initialAmountCents }], {
      budgetId: budget.id,
      expenseId: null,
      reason: `Toekenning bij het instellen van het budget (collegebesluit ${settings.decisionReference})`,
      createdById: actor.id,
      at: now,
    });
    recordAudit(tx, {
      actorId: actor.id,
      action: "budget_created",
      objectType: "budget",
      objectId: budget.id,
      result: "success",
      origin: address,
      details: { after: { ...settings, budgetCents: initialAmountCents } },
      at: now,
    });
    return { ok: true as const, value: { budgetId: budget.id } };
  });
}
