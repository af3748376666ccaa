// /beheer/budget: the administrator creates the budget, changes its settings and adjusts the amount.
// Bad input is refused beside the field with nothing written; every change is audited.
import { and, count, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { SubmissionResult } from "@conform-to/react";
import { getDb } from "#db/client.server.ts";
import { auditLog, budgets, ledgerEntries } from "#db/schema.ts";
import { formatEuro } from "#app/domain/money.ts";
import type { AppRole } from "#app/domain/roles.ts";
import { getBudgetFigures, getCurrentBudget } from "#app/models/budget.server.ts";
import * as route from "#app/routes/beheer.budget.tsx";
import {
  appRequest,
  createUser,
  sessionCookieFor,
  settle,
  statusOf,
  testContext,
} from "#test/factories.ts";

const cookies = new Map<AppRole, string>();

beforeAll(async () => {
  for (const role of ["member", "coordinator", "hr", "admin"] as const) {
    cookies.set(role, sessionCookieFor((await createUser({ appRole: role })).id));
  }
});

function post(form: Record<string, string>, role: AppRole = "admin") {
  return settle(() =>
    route.action({
      request: appRequest("/beheer/budget", { cookie: cookies.get(role), form }),
      params: {},
      context: testContext,
    }),
  );
}

function load(role: AppRole) {
  return settle(() =>
    route.loader({
      request: appRequest("/beheer/budget", { cookie: cookies.get(role) }),
      params: {},
      context: testContext,
    }),
  );
}

/** The field errors of a refused submission (the action answers `data({ intent, result }, 400)`). */
function errorsOf(result: Awaited<ReturnType<typeof post>>): Record<string, string[] | null> {
  const payload = (result.value as { data: { result: SubmissionResult<string[]> } }).data;
  return (payload.result.error ?? {}) as Record<string, string[] | null>;
}

function countRows(table: typeof auditLog | typeof ledgerEntries | typeof budgets): number {
  return getDb().select({ n: count() }).from(table).get()!.n;
}

const settings = {
  name: "Opleidingsbudget Gilde OGW",
  fundingSource: "Incidentele middelen",
  decisionDate: "2023-01-31",
  decisionReference: "Z.180338 / D.1436779",
  startDate: "2023-02-01",
  endDate: "2025-12-31",
  significanceThreshold: "2.500",
};

describe("who may change the budget settings", () => {
  it.each(["member", "coordinator", "hr"] as const)(
    "%s gets 403 on the page and the form",
    async (role) => {
      expect(statusOf(await load(role))).toBe(403);
      const before = countRows(budgets);
      expect(
        statusOf(await post({ intent: "create", ...settings, initialAmount: "15.000" }, role)),
      ).toBe(403);
      expect(countRows(budgets)).toBe(before);
    },
  );
});

describe("creating the budget", () => {
  it("refuses a threshold of € 0 beside the field, keeps the input and writes nothing", async () => {
    const audits = countRows(auditLog);
    const result = await post({
      intent: "create",
      ...settings,
      significanceThreshold: "0",
      initialAmount: "15.000",
    });
    expect(statusOf(result)).toBe(400);
    expect(errorsOf(result).significanceThreshold).toEqual([route.THRESHOLD_ZERO_MESSAGE]);
    expect(
      (result.value as { data: { result: SubmissionResult } }).data.result.initialValue,
    ).toMatchObject({
      name: settings.name,
      significanceThreshold: "0",
    });
    expect(countRows(budgets)).toBe(0);
    expect(countRows(auditLog)).toBe(audits);
  });

  it("creates the budget with its first allocation and an audit row", async () => {
    const result = await post({ intent: "create", ...settings, initialAmount: "15.000" });
    expect(statusOf(result)).toBe(302);
    expect(result.response!.headers.get("Location")).toBe("/budget");
    const budget = getCurrentBudget(getDb())!;
    expect(budget).toMatchObject({
      decisionReference: "Z.180338 / D.1436779",
      significanceThresholdCents: 250_000,
    });
    expect(getBudgetFigures(getDb(), budget.id).budgetCents).toBe(1_500_000);
    const audit = getDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "budget_created"))
      .get();
    expect(audit?.objectId).toBe(String(budget.id));
  });

  it("refuses a second budget", async () => {
    const result = await post({ intent: "create", ...settings, initialAmount: "1.000" });
    expect(statusOf(result)).toBe(400);
    expect(countRows(budgets)).toBe(1);
  });
});

describe("changing the settings", () => {
  it("refuses a threshold of € 0 and a period that ends before it starts, and writes nothing", async () => {
    const audits = countRows(auditLog);
    const budgetBefore = getCurrentBudget(getDb());
    const zero = await post({
      intent: "settings",
      ...settings,
      name: "Ander budget",
      significanceThreshold: "0,00",
    });
    expect(statusOf(zero)).toBe(400);
    expect(errorsOf(zero).significanceThreshold).toEqual(["De drempel moet hoger zijn dan € 0,00"]);
    const backwards = await post({
      intent: "settings",
      ...settings,
      startDate: "2025-01-01",
      endDate: "2024-01-01",
    });
    expect(errorsOf(backwards).endDate).toEqual(["De einddatum moet na de begindatum liggen."]);
    expect(getCurrentBudget(getDb())).toEqual(budgetBefore);
    expect(countRows(auditLog)).toBe(audits);
  });

  it("saves a change and audits exactly what changed, before and after", async () => {
    const result = await post({
      intent: "settings",
      ...settings,
      significanceThreshold: "3.000,50",
      endDate: "2026-06-30",
    });
    expect(statusOf(result)).toBe(302);
    const budget = getCurrentBudget(getDb())!;
    expect(budget).toMatchObject({ significanceThresholdCents: 300_050, endDate: "2026-06-30" });
    const audit = getDb()
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "budget_settings_changed"),
          eq(auditLog.objectId, String(budget.id)),
        ),
      )
      .orderBy(desc(auditLog.id))
      .get()!;
    expect(JSON.parse(audit.details!)).toEqual({
      before: { endDate: "2025-12-31", significanceThresholdCents: 250_000 },
      after: { endDate: "2026-06-30", significanceThresholdCents: 300_050 },
    });
  });

  it("writes no audit row when nothing changed", async () => {
    const audits = countRows(auditLog);
    const result = await post({
      intent: "settings",
      ...settings,
      significanceThreshold: "3.000,50",
      endDate: "2026-06-30",
    });
    expect(statusOf(result)).toBe(302);
    expect(countRows(auditLog)).toBe(audits);
  });
});

describe("raising and lowering the budget", () => {
  it("raises it with an allocation in the ledger", async () => {
    const budget = getCurrentBudget(getDb())!;
    const result = await post({
      intent: "adjust",
      direction: "raise",
      amount: "1.000",
      reason: "Aanvulling uit de voorjaarsnota",
    });
    expect(statusOf(result)).toBe(302);
    expect(getBudgetFigures(getDb(), budget.id).budgetCents).toBe(1_600_000);
  });

  it("refuses to lower it by more than is available, beside the amount, and books nothing", async () => {
    const budget = getCurrentBudget(getDb())!;
    const entries = countRows(ledgerEntries);
    const result = await post({
      intent: "adjust",
      direction: "lower",
      amount: "16.000,01",
      reason: "Bezuiniging",
    });
    expect(statusOf(result)).toBe(400);
    expect(errorsOf(result).amount?.[0]).toContain(`er is ${formatEuro(1_600_000)} beschikbaar`);
    expect(countRows(ledgerEntries)).toBe(entries);
    expect(getBudgetFigures(getDb(), budget.id).budgetCents).toBe(1_600_000);
  });

  it("lowers it when the money is there", async () => {
    const budget = getCurrentBudget(getDb())!;
    const result = await post({
      intent: "adjust",
      direction: "lower",
      amount: "500",
      reason: "Bijgesteld na evaluatie",
    });
    expect(statusOf(result)).toBe(302);
    expect(getBudgetFigures(getDb(), budget.id).budgetCents).toBe(1_550_000);
  });

  it("answers an unknown intent with 400", async () => {
    expect(statusOf(await post({ intent: "niets" }))).toBe(400);
  });
});
