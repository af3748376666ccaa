// Requesting and deciding on expenses through the routes' loaders and actions: bad input refused
// beside the field with nothing written, the preview, four eyes, the college rule, payments with a
// correction, and who may do what.
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server.ts";
import { auditLog, budgets, expenses, ledgerEntries } from "#db/schema.ts";
import { appendLedgerEntries, getBudgetFigures, getExpense } from "#app/models/budget.server.ts";
import { insertCourse, insertSession } from "#app/models/catalogue-admin.server.ts";
import * as listRoute from "#app/routes/uitgaven._index.tsx";
import * as newRoute from "#app/routes/uitgaven.nieuw.tsx";
import * as detailRoute from "#app/routes/uitgaven.$id.tsx";
import {
  amsterdamToday,
  futureCollegeDateMessage,
  positiveAmountMessage,
} from "#app/utils/expense-schemas.ts";
import {
  appRequest,
  createUser,
  sessionCookieFor,
  settle,
  statusOf,
  testContext,
  type RouteFn,
} from "#test/factories.ts";

type ListData = Awaited<ReturnType<typeof listRoute.loader>>;
type DetailData = Awaited<ReturnType<typeof detailRoute.loader>>;
type Preview = {
  amount: string;
  availableNow: string;
  availableAfter: string;
  useAfter: string;
  aboveWarning: boolean;
  shortfall: string | null;
  significant: boolean;
};
type ActionPayload = {
  result: {
    status?: string;
    error?: Record<string, string[] | null>;
    initialValue?: Record<string, unknown>;
  } | null;
  error: string | null;
  preview?: Preview | null;
};

const BUDGET_CENTS = 1_500_000; // € 15.000
const THRESHOLD_CENTS = 250_000; // € 2.500

const people = {} as Record<
  "requester" | "reviewer" | "hr" | "member" | "admin",
  { id: number; cookie: string }
>;
let budgetId = 0;
let courseId = 0;
let otherCourseId = 0;
let sessionId = 0;

beforeAll(async () => {
  const db = getDb();
  const roles = {
    requester: "coordinator",
    reviewer: "coordinator",
    hr: "hr",
    member: "member",
    admin: "admin",
  } as const;
  for (const [who, appRole] of Object.entries(roles) as [
    keyof typeof roles,
    (typeof roles)[keyof typeof roles],
  ][]) {
    const user = await createUser({ appRole, name: `Test ${who}` });
    people[who] = { id: user.id, cookie: sessionCookieFor(user.id) };
  }
  budgetId = db
    .insert(budgets)
    .values({
      name: "Opleidingsbudget Gilde OGW",
      fundingSource: "Incidentele middelen concernontwikkelprogramma",
      decisionDate: "2023-01-31",
      decisionReference: "Z.180338 / D.1436779",
      startDate: "2023-02-01",
      endDate: "2099-12-31",
      significanceThresholdCents: THRESHOLD_CENTS,
    })
    .returning({ id: budgets.id })
    .get().id;
  appendLedgerEntries(db, [{ type: "allocation", amountCents: BUDGET_CENTS }], {
    budgetId,
    expenseId: null,
    reason: "Toekenning door het college",
    createdById: people.admin.id,
    at: new Date("2023-02-01T09:00:00Z"),
  });
  const course = (title: string, slug: string) =>
    insertCourse(db, {
      kind: "in_house",
      slug,
      title,
      summary: "Samenvatting.",
      body: "",
      provider: "Bureau Opgave",
      costPerParticipantCents: 0,
      durationHours: 3,
      published: true,
      targetRoles: [],
      learningGoalIds: [],
    }).id;
  courseId = course("Opgaven afbakenen", "opgaven-afbakenen");
  otherCourseId = course("Actoren in kaart", "actoren-in-kaart");
  sessionId = insertSession(db, courseId, {
    startsAt: new Date("2099-03-12T08:30:00Z"),
    endsAt: new Date("2099-03-12T11:00:00Z"),
    location: "Raadhuis Huizen",
    onlineUrl: null,
    capacity: 12,
    enrolmentDeadline: new Date("2099-03-05T16:00:00Z"),
    sessionCostCents: 0,
  }).id;
});

// ---- Helpers ----

function cookieOf(who: keyof typeof people | null): string | undefined {
  return who ? people[who].cookie : undefined;
}

function load(
  fn: RouteFn,
  path: string,
  params: Record<string, string>,
  who: keyof typeof people | null,
) {
  return settle(() =>
    fn({ request: appRequest(path, { cookie: cookieOf(who) }), params, context: testContext }),
  );
}

function post(
  fn: RouteFn,
  path: string,
  params: Record<string, string>,
  who: keyof typeof people | null,
  form: Record<string, string>,
) {
  return settle(() =>
    fn({
      request: appRequest(path, { cookie: cookieOf(who), form }),
      params,
      context: testContext,
    }),
  );
}

function payloadOf(result: { value: unknown }): ActionPayload {
  return (result.value as { data: ActionPayload }).data;
}

function fieldErrors(result: { value: unknown }): Record<string, string[] | null> {
  return payloadOf(result).result?.error ?? {};
}

function locationOf(result: { response: Response | null }): string {
  return result.response?.headers.get("Location") ?? "";
}

function requestForm(overrides: Record<string, string | null> = {}): Record<string, string> {
  const values: Record<string, string | null> = {
    intent: "submit",
    description: "Trainer voor de in-house opleiding opgaven afbakenen",
    supplier: "Bureau Opgave",
    kind: "in_house",
    amount: "1.000",
    courseId: "",
    sessionId: "",
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== null),
  );
}

function expenseCount(): number {
  return getDb().select({ n: count() }).from(expenses).get()!.n;
}

function ledgerFor(expenseId: number) {
  return getDb()
    .select({ type: ledgerEntries.type, amountCents: ledgerEntries.amountCents })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.expenseId, expenseId))
    .orderBy(ledgerEntries.id)
    .all();
}

function auditCount(): number {
  return getDb().select({ n: count() }).from(auditLog).get()!.n;
}

const requestAs = (who: keyof typeof people, form: Record<string, string>) =>
  post(newRoute.action as RouteFn, "/uitgaven/nieuw", {}, who, form);

async function createExpense(
  who: keyof typeof people,
  overrides: Record<string, string | null> = {},
): Promise<number> {
  const result = await requestAs(who, requestForm(overrides));
  expect(statusOf(result), JSON.stringify(payloadOf(result))).toBe(302);
  const match = /^\/uitgaven\/(\d+)$/.exec(locationOf(result));
  expect(match).not.toBeNull();
  return Number(match![1]);
}

function decide(who: keyof typeof people, expenseId: number, form: Record<string, string>) {
  return post(
    detailRoute.action as RouteFn,
    `/uitgaven/${expenseId}`,
    { id: String(expenseId) },
    who,
    form,
  );
}

async function detail(who: keyof typeof people, expenseId: number): Promise<DetailData> {
  const result = await load(
    detailRoute.loader as RouteFn,
    `/uitgaven/${expenseId}`,
    { id: String(expenseId) },
    who,
  );
  expect(statusOf(result)).toBe(200);
  return result.value as DetailData;
}

function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** Intl puts a no-break space between € and the amount; the tests read it as a plain space. */
function plain(text: string | null | undefined): string {
  return (text ?? "").replace(/\u00a0/g, " ");
}

// ---- Requesting ----

describe("requesting an expense (/uitgaven/nieuw)", () => {
  it.each([
    ["0", positiveAmountMessage],
    ["-5", positiveAmountMessage],
    ["€ -5", positiveAmountMessage],
    ["€ 1.2.3", "Vul een bedrag in euro's in"],
    ["", "Vul het bedrag in."],
  ])(
    "refuses the amount %j beside the field, keeps the input and writes nothing",
    async (amount, message) => {
      const before = { expenses: expenseCount(), audit: auditCount() };
      const result = await requestAs("requester", requestForm({ amount }));
      expect(statusOf(result)).toBe(400);
      expect(plain(fieldErrors(result).amount?.join(" "))).toContain(plain(message));
      expect(payloadOf(result).result?.initialValue?.description).toBe(
        "Trainer voor de in-house opleiding opgaven afbakenen",
      );
      expect({ expenses: expenseCount(), audit: auditCount() }).toEqual(before);
    },
  );

  it("refuses a missing description and a missing supplier, each beside its field", async () => {
    const before = expenseCount();
    const result = await requestAs("requester", requestForm({ description: "  ", supplier: null }));
    expect(statusOf(result)).toBe(400);
    expect(fieldErrors(result).description).toEqual(["Vul een omschrijving in."]);
    expect(fieldErrors(result).supplier).toEqual(["Vul de leverancier in."]);
    expect(payloadOf(result).result?.initialValue?.amount).toBe("1.000");
    expect(expenseCount()).toBe(before);
  });

  it("refuses a description over 300 characters and an unknown kind", async () => {
    const result = await requestAs(
      "requester",
      requestForm({ description: "x".repeat(301), kind: "cadeau" }),
    );
    expect(statusOf(result)).toBe(400);
    expect(fieldErrors(result).description).toEqual(["Een omschrijving is hoogstens 300 tekens."]);
    expect(fieldErrors(result).kind).toEqual(["Kies het soort uitgave."]);
  });

  it("refuses a session that does not belong to the chosen course", async () => {
    const before = expenseCount();
    const result = await requestAs(
      "requester",
      requestForm({ courseId: String(otherCourseId), sessionId: String(sessionId) }),
    );
    expect(statusOf(result)).toBe(400);
    expect(fieldErrors(result).sessionId?.[0]).toContain("hoort niet bij de gekozen opleiding");
    expect(expenseCount()).toBe(before);
  });

  it("shows the threshold and the upcoming sessions labelled with their course", async () => {
    const result = await load(newRoute.loader as RouteFn, "/uitgaven/nieuw", {}, "requester");
    expect(statusOf(result)).toBe(200);
    const page = result.value as Awaited<ReturnType<typeof newRoute.loader>>;
    expect(plain(page.budget?.threshold)).toBe(
      "Vanaf € 2.500,00 is een uitgave significant en moet het college eerst besluiten.",
    );
    expect(page.sessions).toEqual([
      expect.objectContaining({
        value: String(sessionId),
        label: expect.stringMatching(/^Opgaven afbakenen – .*2099/),
      }),
    ]);
  });

  it("previews the effect on the budget without writing, Dutch amounts read right", async () => {
    const before = { expenses: expenseCount(), audit: auditCount() };
    const result = await requestAs(
      "requester",
      requestForm({ intent: "preview", amount: "€ 1.250,50" }),
    );
    expect(statusOf(result)).toBe(200);
    const preview = payloadOf(result).preview!;
    expect(plain(preview.amount)).toBe("€ 1.250,50");
    expect(plain(preview.availableNow)).toBe("€ 15.000,00");
    expect(plain(preview.availableAfter)).toBe("€ 13.749,50");
    expect(preview.aboveWarning).toBe(false);
    expect(preview.shortfall).toBeNull();
    expect(preview.significant).toBe(false);
    // The input comes back, so the form shows what was typed.
    expect(payloadOf(result).result?.initialValue?.amount).toBe("€ 1.250,50");
    expect({ expenses: expenseCount(), audit: auditCount() }).toEqual(before);
  });

  it("warns in the preview when use would pass 80 %, and when the amount does not fit", async () => {
    const warning = payloadOf(
      await requestAs("requester", requestForm({ intent: "preview", amount: "12.500" })),
    ).preview!;
    expect(warning.aboveWarning).toBe(true);
    expect(warning.useAfter).toBe("83,3%");
    expect(warning.shortfall).toBeNull();
    expect(warning.significant).toBe(true);

    const tooMuch = payloadOf(
      await requestAs("requester", requestForm({ intent: "preview", amount: "16.000" })),
    ).preview!;
    expect(plain(tooMuch.shortfall)).toBe("€ 1.000,00");
  });

  it("answers an unknown intent with 400 and writes nothing", async () => {
    const before = expenseCount();
    const result = await requestAs("requester", requestForm({ intent: "niets" }));
    expect(statusOf(result)).toBe(400);
    expect(expenseCount()).toBe(before);
  });

  it("creates the expense, significant from the threshold on, and says so in a flash", async () => {
    const belowId = await createExpense("requester", {
      amount: "2.499,99",
      description: "Net onder de drempel",
    });
    expect(getExpense(getDb(), belowId)).toMatchObject({
      amountCents: 249_999,
      significant: false,
      status: "requested",
    });

    const result = await requestAs(
      "requester",
      requestForm({ amount: "€ 2.500", courseId: String(courseId), sessionId: String(sessionId) }),
    );
    expect(statusOf(result)).toBe(302);
    expect(result.response?.headers.get("Set-Cookie")).toContain("gilde_melding=");
    const id = Number(locationOf(result).split("/").pop());
    expect(getExpense(getDb(), id)).toMatchObject({
      amountCents: THRESHOLD_CENTS,
      significant: true,
      courseId,
      sessionId,
      requestedById: people.requester.id,
    });
  });

  it("takes the course from a session chosen on its own", async () => {
    const id = await createExpense("requester", {
      sessionId: String(sessionId),
      description: "Alleen een sessie",
    });
    expect(getExpense(getDb(), id)).toMatchObject({ courseId, sessionId });
  });
});

// ---- Deciding ----

describe("deciding on an expense (/uitgaven/:id)", () => {
  it("lets another coordinator approve, never the requester, and only once", async () => {
    const id = await createExpense("requester", { amount: "1.000" });

    const own = await detail("requester", id);
    expect(own.actions.approve).toBe(false);
    expect(own.actions.approveNote).toBe(
      "U kunt uw eigen aanvraag niet goedkeuren; een andere coördinator moet dat doen.",
    );

    const refused = await decide("requester", id, { intent: "approve" });
    expect(statusOf(refused)).toBe(409);
    expect(payloadOf(refused).error).toContain("U kunt uw eigen aanvraag niet goedkeuren");
    expect(getExpense(getDb(), id)?.status).toBe("requested");
    expect(ledgerFor(id)).toEqual([]);

    expect((await detail("reviewer", id)).actions.approve).toBe(true);
    const approved = await decide("reviewer", id, { intent: "approve" });
    expect(statusOf(approved)).toBe(302);
    expect(locationOf(approved)).toBe(`/uitgaven/${id}`);
    expect(getExpense(getDb(), id)).toMatchObject({
      status: "approved",
      decidedById: people.reviewer.id,
    });
    expect(ledgerFor(id)).toEqual([{ type: "commitment", amountCents: 100_000 }]);

    const again = await decide("reviewer", id, { intent: "approve" });
    expect(statusOf(again)).toBe(409);
    expect(payloadOf(again).error).toContain("Dit kan niet meer");
    expect(ledgerFor(id)).toHaveLength(1);
  });

  it("requires a reason to reject", async () => {
    const id = await createExpense("requester", { amount: "300" });
    const empty = await decide("reviewer", id, { intent: "reject", reason: "   " });
    expect(statusOf(empty)).toBe(400);
    expect(fieldErrors(empty).reason).toEqual(["Vul de reden van de afwijzing in."]);
    expect(getExpense(getDb(), id)?.status).toBe("requested");

    const rejected = await decide("reviewer", id, {
      intent: "reject",
      reason: "Past niet bij de leerdoelen.",
    });
    expect(statusOf(rejected)).toBe(302);
    expect(getExpense(getDb(), id)).toMatchObject({
      status: "rejected",
      decisionReason: "Past niet bij de leerdoelen.",
    });
  });

  it("needs the college's decision before a significant expense can be approved", async () => {
    const id = await createExpense("requester", {
      amount: "3.000",
      description: "Leergang opgaveregie",
    });
    expect((await detail("reviewer", id)).actions).toMatchObject({ approve: false, college: true });

    const early = await decide("reviewer", id, { intent: "approve" });
    expect(statusOf(early)).toBe(409);
    expect(payloadOf(early).error).toContain("leg eerst het besluit van het college vast");

    const today = amsterdamToday();
    const future = await decide("admin", id, {
      intent: "college",
      outcome: "approved",
      decisionDate: dayAfter(today),
      reference: "Z.123456 / D.7654321",
    });
    expect(statusOf(future)).toBe(400);
    expect(fieldErrors(future).decisionDate).toEqual([futureCollegeDateMessage]);

    const noReference = await decide("admin", id, {
      intent: "college",
      outcome: "approved",
      decisionDate: today,
    });
    expect(statusOf(noReference)).toBe(400);
    expect(fieldErrors(noReference).reference?.[0]).toContain("Vul het kenmerk");
    expect(getExpense(getDb(), id)?.collegeOutcome).toBeNull();

    const recorded = await decide("admin", id, {
      intent: "college",
      outcome: "approved",
      decisionDate: today,
      reference: "Z.123456 / D.7654321",
    });
    expect(statusOf(recorded)).toBe(302);
    expect(getExpense(getDb(), id)).toMatchObject({
      collegeOutcome: "approved",
      collegeDecisionDate: today,
      collegeReference: "Z.123456 / D.7654321",
      collegeRecordedById: people.admin.id,
      status: "requested",
    });

    const twice = await decide("reviewer", id, {
      intent: "college",
      outcome: "rejected",
      decisionDate: today,
      reference: "Z.1 / D.2",
    });
    expect(statusOf(twice)).toBe(409);
    expect(payloadOf(twice).error).toBe("Het besluit van het college is al vastgelegd.");

    // An administrator records the college's decision but decides nothing else.
    expect(statusOf(await decide("admin", id, { intent: "approve" }))).toBe(403);

    expect(statusOf(await decide("reviewer", id, { intent: "approve" }))).toBe(302);
    expect(getExpense(getDb(), id)?.status).toBe("approved");
  });

  it("refuses an approval that does not fit in the budget, and writes nothing", async () => {
    const id = await createExpense("requester", { amount: "20.000", description: "Te groot" });
    await decide("admin", id, {
      intent: "college",
      outcome: "approved",
      decisionDate: amsterdamToday(),
      reference: "Z.9 / D.9",
    });
    const figures = getBudgetFigures(getDb(), budgetId);
    const page = await detail("reviewer", id);
    expect(page.actions.approve).toBe(false);
    expect(page.actions.approveNote).toContain("tekort");

    const refused = await decide("reviewer", id, { intent: "approve" });
    expect(statusOf(refused)).toBe(409);
    expect(payloadOf(refused).error).toContain("Dit past niet in het budget");
    expect(getBudgetFigures(getDb(), budgetId)).toEqual(figures);
    expect(ledgerFor(id)).toEqual([]);
  });

  it("books a payment of another amount as realisation plus a correction, shown in the history", async () => {
    const id = await createExpense("requester", { amount: "1.000", description: "Zaalhuur" });
    await decide("reviewer", id, { intent: "approve" });
    const page = await detail("reviewer", id);
    expect(page.actions.pay).toBe(true);
    expect(page.payDefault).toBe("1.000");

    const zero = await decide("reviewer", id, { intent: "pay", paidAmount: "0" });
    expect(statusOf(zero)).toBe(400);
    expect(plain(fieldErrors(zero).paidAmount?.[0])).toBe(plain(positiveAmountMessage));

    const paid = await decide("reviewer", id, { intent: "pay", paidAmount: "1.100,00" });
    expect(statusOf(paid)).toBe(302);
    expect(getExpense(getDb(), id)).toMatchObject({ status: "paid", paidAmountCents: 110_000 });
    expect(ledgerFor(id)).toEqual([
      { type: "commitment", amountCents: 100_000 },
      { type: "release", amountCents: 100_000 },
      { type: "actual", amountCents: 100_000 },
      { type: "correction", amountCents: 10_000 },
    ]);

    const history = (await detail("hr", id)).history;
    expect(history.map((item) => item.what)).toEqual([
      "Aangevraagd",
      "Goedgekeurd",
      "Boeking: verplichting",
      "Betaald",
      "Boeking: vrijval",
      "Boeking: realisatie",
      "Boeking: correctie",
    ]);
    expect(plain(history.find((item) => item.what === "Boeking: correctie")?.amount)).toBe(
      "€ 100,00",
    );
    expect(history.find((item) => item.what === "Goedgekeurd")?.by).toBe("Test reviewer");
  });

  it("lets the requester cancel their own request, with a reason", async () => {
    const id = await createExpense("requester", { amount: "200", description: "Toch niet nodig" });
    expect((await detail("requester", id)).actions.cancel).toBe(true);
    const noReason = await decide("requester", id, { intent: "cancel" });
    expect(statusOf(noReason)).toBe(400);
    expect(fieldErrors(noReason).reason).toEqual(["Vul de reden van de annulering in."]);
    const cancelled = await decide("requester", id, {
      intent: "cancel",
      reason: "De sessie gaat niet door.",
    });
    expect(statusOf(cancelled)).toBe(302);
    expect(getExpense(getDb(), id)?.status).toBe("cancelled");
  });

  it("answers 404 for an unknown or non-numeric id", async () => {
    for (const id of ["999999", "abc", "12abc", "0"]) {
      const page = await load(detailRoute.loader as RouteFn, `/uitgaven/${id}`, { id }, "hr");
      expect(statusOf(page), id).toBe(404);
    }
    expect(statusOf(await decide("reviewer", 999_999, { intent: "approve" }))).toBe(404);
  });
});

// ---- Who may ----

describe("who may see and decide", () => {
  it("lets hr see the list and the details but refuses every action intent with 403", async () => {
    const id = await createExpense("requester", {
      amount: "400",
      description: "Voor P&O zichtbaar",
    });
    const list = await load(listRoute.loader as RouteFn, "/uitgaven", {}, "hr");
    expect(statusOf(list)).toBe(200);
    expect((list.value as ListData).canRequest).toBe(false);
    expect((list.value as ListData).isReviewer).toBe(false);
    const page = await detail("hr", id);
    expect(Object.values(page.actions).filter((value) => value === true)).toEqual([]);

    const before = { audit: auditCount(), status: getExpense(getDb(), id)?.status };
    const forms: Record<string, string>[] = [
      { intent: "approve" },
      { intent: "reject", reason: "Nee." },
      { intent: "cancel", reason: "Nee." },
      { intent: "pay", paidAmount: "400" },
      {
        intent: "college",
        outcome: "approved",
        decisionDate: amsterdamToday(),
        reference: "Z.1 / D.1",
      },
      { intent: "niets" },
    ];
    for (const form of forms) {
      expect(statusOf(await decide("hr", id, form)), form.intent).toBe(403);
    }
    expect(statusOf(await requestAs("hr", requestForm()))).toBe(403);
    expect({ audit: auditCount(), status: getExpense(getDb(), id)?.status }).toEqual(before);
  });

  it("refuses members on every page and action", async () => {
    const id = await createExpense("requester", { amount: "100" });
    expect(statusOf(await load(listRoute.loader as RouteFn, "/uitgaven", {}, "member"))).toBe(403);
    expect(statusOf(await load(newRoute.loader as RouteFn, "/uitgaven/nieuw", {}, "member"))).toBe(
      403,
    );
    expect(
      statusOf(
        await load(detailRoute.loader as RouteFn, `/uitgaven/${id}`, { id: String(id) }, "member"),
      ),
    ).toBe(403);
    expect(statusOf(await requestAs("member", requestForm()))).toBe(403);
    for (const intent of ["approve", "reject", "cancel", "pay", "college"]) {
      expect(statusOf(await decide("member", id, { intent, reason: "x" })), intent).toBe(403);
    }
  });

  it("shows a coordinator the requests of others to review, oldest first, and filters the list", async () => {
    const list = await load(listRoute.loader as RouteFn, "/uitgaven", {}, "reviewer");
    const page = list.value as ListData;
    expect(page.isReviewer).toBe(true);
    expect(page.review.length).toBeGreaterThan(0);
    expect(
      page.review.every(
        (row) => row.status === "In aanvraag" && row.requestedBy === "Test requester",
      ),
    ).toBe(true);
    const times = page.review.map((row) => row.requestedAt);
    expect([...times].sort()).toEqual(times);
    const significant = page.review.find((row) => row.significant);
    expect(significant?.significance).toBe("Ja – wacht op collegebesluit");

    // The requester's own requests are not theirs to review.
    const own = (await load(listRoute.loader as RouteFn, "/uitgaven", {}, "requester"))
      .value as ListData;
    expect(own.review).toEqual([]);

    const filtered = (
      await load(listRoute.loader as RouteFn, "/uitgaven?status=paid&significant=nee", {}, "hr")
    ).value as ListData;
    expect(filtered.rows.length).toBeGreaterThan(0);
    expect(
      filtered.rows.every((row) => row.status === "Betaald (gerealiseerd)" && !row.significant),
    ).toBe(true);

    const odd = (
      await load(listRoute.loader as RouteFn, "/uitgaven?status=weg&soort=other", {}, "hr")
    ).value as ListData;
    expect(odd.notes).toHaveLength(1);
    expect(odd.values).toEqual({ status: "", soort: "other", significant: "" });
  });
});
