// A small budget with a history, built through the app's own services, for the budget page and
// export tests (each test file has its own database). Every figure is worked out in `expected`.
import { ensureDepartment, createUser, sessionCookieFor } from "#test/factories.ts";
import type { AppRole, OgwRole } from "#app/domain/roles.ts";
import { createBudget } from "#app/utils/budget-settings.server.ts";
import {
  approveExpense,
  payExpense,
  recordCollegeDecision,
  rejectExpense,
  requestExpense,
  type Actor,
} from "#app/utils/expenses.server.ts";

const quiet = { notify: false };
const address = "192.0.2.1";

export async function buildBudgetDataset() {
  const departments = {
    mo: ensureDepartment("MO/MB", "Maatschappelijke Ontwikkeling"),
    po: ensureDepartment("P&O", "Personeel en Organisatie"),
    oov: ensureDepartment("OOV", "Openbare Orde en Veiligheid"),
  };
  const users = new Map<AppRole, { id: number; cookie: string }>();
  for (const role of ["member", "coordinator", "hr", "admin"] as const) {
    const user = await createUser({ appRole: role, name: `Test ${role}` });
    users.set(role, { id: user.id, cookie: sessionCookieFor(user.id) });
  }
  const second = await createUser({ appRole: "coordinator", name: "Tweede Coördinator" });
  const coordinatorA = users.get("coordinator")!.id;
  const actor = (id: number, departmentId: number, ogwRole: OgwRole): Actor => ({
    id,
    name: "Coördinator",
    departmentId,
    ogwRole,
  });
  const approver = actor(second.id, departments.po, "employee");

  const created = createBudget(
    {
      name: "Opleidingsbudget Gilde OGW",
      fundingSource: "Incidentele middelen (organisatiescan)",
      decisionDate: "2023-01-31",
      decisionReference: "Z.180338 / D.1436779",
      startDate: "2023-02-01",
      endDate: "2025-12-31",
      significanceThresholdCents: 250_000,
      initialAmountCents: 1_500_000,
    },
    { id: users.get("admin")!.id },
    address,
    new Date("2023-02-01T09:00:00.000Z"),
  );
  if (!created.ok) throw new Error(created.message);
  const budgetId = created.value.budgetId;

  async function request(
    who: Actor,
    at: string,
    input: {
      description: string;
      supplier: string;
      kind: "in_house" | "knowledge_session" | "individual" | "other";
      amountCents: number;
    },
  ): Promise<number> {
    const result = await requestExpense({ budgetId, ...input }, who, address, new Date(at), quiet);
    if (!result.ok) throw new Error(result.message);
    return result.value.expenseId;
  }
  async function must(promise: Promise<{ ok: boolean; message?: string }>) {
    const result = await promise;
    if (!result.ok) throw new Error(result.message);
  }

  // E1: significant in-house training, approved by the college, then by a coordinator, paid € 3.850,50.
  const e1 = await request(
    actor(coordinatorA, departments.mo, "opgave_director"),
    "2023-03-01T10:00:00.000Z",
    {
      description: "Training opgavegericht werken",
      supplier: "Bureau Opgave",
      kind: "in_house",
      amountCents: 400_000,
    },
  );
  await must(
    recordCollegeDecision(
      e1,
      { outcome: "approved", date: "2023-03-14", reference: "Z.190001 / D.1500001" },
      approver,
      address,
      new Date("2023-03-14T15:00:00.000Z"),
      quiet,
    ),
  );
  await must(approveExpense(e1, approver, address, new Date("2023-03-15T09:00:00.000Z"), quiet));
  await must(
    payExpense(e1, 385_050, approver, address, new Date("2023-04-20T09:00:00.000Z"), quiet),
  );

  // E2: an individual course, approved (committed € 1.250,50).
  const e2 = await request(
    actor(coordinatorA, departments.po, "employee"),
    "2023-05-02T10:00:00.000Z",
    {
      description: "Cursus procesregie",
      supplier: "Academie Regie",
      kind: "individual",
      amountCents: 125_050,
    },
  );
  await must(approveExpense(e2, approver, address, new Date("2023-05-03T09:00:00.000Z"), quiet));

  // E3: a knowledge session, still requested (€ 600 pending).
  const e3 = await request(
    actor(second.id, departments.oov, "line_manager"),
    "2023-06-01T10:00:00.000Z",
    {
      description: "Kennissessie actorenanalyse",
      supplier: "Gemeente Huizen",
      kind: "knowledge_session",
      amountCents: 60_000,
    },
  );

  // E4: significant and still waiting for the college (€ 3.000 pending).
  const e4 = await request(
    actor(second.id, departments.oov, "line_manager"),
    "2023-06-05T10:00:00.000Z",
    {
      description: "Leergang opgaveregie",
      supplier: "Hogeschool Gooi",
      kind: "other",
      amountCents: 300_000,
    },
  );

  // E5: rejected; its description would be a formula in a spreadsheet.
  const e5 = await request(
    actor(second.id, departments.oov, "employee"),
    "2023-06-10T10:00:00.000Z",
    {
      description: "=1+1 workshop",
      supplier: "Onbekend",
      kind: "other",
      amountCents: 50_000,
    },
  );
  await must(
    rejectExpense(
      e5,
      "Past niet bij de leerdoelen.",
      actor(coordinatorA, departments.mo, "employee"),
      address,
      new Date("2023-06-11T09:00:00.000Z"),
      quiet,
    ),
  );

  return { budgetId, users, ids: { e1, e2, e3, e4, e5 } };
}

/** Budget € 15.000; committed E2 € 1.250,50; actual E1 € 3.850,50; pending E3 + E4 = € 3.600. */
export const expected = {
  budgetCents: 1_500_000,
  committedCents: 125_050,
  actualCents: 385_050,
  pendingCents: 360_000,
  // 1 500 000 − 125 050 − 385 050
  availableCents: 989_900,
};
