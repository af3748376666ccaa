// The guild's training budget from the college decision of 31 January 2023 and, in demo mode, a
// history of expenses since February 2023, replayed through the expense service in date order so
// that every rule (four eyes, the college, the hard stop) holds for the seeded data too.
import { and, asc, desc, eq, gt, lt } from "drizzle-orm";
import type { OgwRole } from "#app/domain/roles.ts";
import { recordAudit } from "#app/models/audit.server.ts";
import { appendLedgerEntries } from "#app/models/budget.server.ts";
import {
  findUserByEmail,
  insertUser,
  setPasswordHash,
  type User,
} from "#app/models/users.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import {
  approveExpense,
  cancelExpense,
  payExpense,
  recordCollegeDecision,
  rejectExpense,
  requestExpense,
  type Actor,
  type ExpenseRequest,
} from "#app/utils/expenses.server.ts";
import { hashPassword } from "#app/utils/password.server.ts";
import { getDb, writeTransaction } from "#db/client.server.ts";
import { budgets, courses, courseSessions, departments, type ExpenseKind } from "#db/schema.ts";
// seed.ts calls seedBudget, so this import is a cycle; it is only read when seedBudget runs,
// long after both modules have loaded.
import { DEMO_PASSWORD } from "./seed.ts";

export const BUDGET_NAME = "Opleidingsbudget Gilde OGW";

const ALLOCATED_AT = new Date("2023-02-01T08:00:00.000Z");
const SEED_ORIGIN = "seed";

/** Four eyes needs a second coordinator to approve what the first one requests. Demo mode only. */
export const secondDemoCoordinator = {
  email: "coordinator2@gilde.example",
  name: "Annelies Visser",
  appRole: "coordinator",
  ogwRole: "official_principal",
  departmentCode: "BCZ",
} as const;

const FIRST_DEMO_COORDINATOR = "coordinator@gilde.example";

export type BudgetSeedResult = {
  budgetCreated: boolean;
  expensesCreated: number;
  secondCoordinatorCreated: boolean;
};

// ---- The history ----

type Who = "joris" | "annelies";
/** An instant: fixed for the early history, relative to `now` for what is still open. */
type When = string | { daysAgo: number };

type PlannedExpense = {
  requested: { at: When; by: Who };
  description: string;
  supplier: string;
  kind: ExpenseKind;
  amountCents: number;
  course?: string;
  /** The course's last held session, or its next planned one. */
  session?: "last_held" | "next_planned";
  /** For whom, when that is not the requester (an individual course). */
  forDepartment?: string;
  forOgwRole?: OgwRole;
  college?: { at: When; date: string; reference: string };
  decision?: { at: When; outcome: "approve" | "reject"; reason?: string };
  cancelled?: { at: When; by: Who; reason: string };
  paid?: { at: When; cents: number };
};

const restaurant = "Bedrijfsrestaurant gemeentehuis Huizen";

// About € 9.800 in use by the end of 2026: paid invoices (some with corrections), two trainings
// approved but not yet invoiced, two requests waiting, three rejections and two cancellations.
const history: PlannedExpense[] = [
  {
    requested: { at: "2023-03-14T09:12:00Z", by: "joris" },
    description: "Aftrap Gilde OGW: zaalhuur en catering",
    supplier: restaurant,
    kind: "knowledge_session",
    amountCents: 18_500,
    decision: { at: "2023-03-16T10:05:00Z", outcome: "approve" },
    paid: { at: "2023-04-05T14:20:00Z", cents: 19_240 },
  },
  {
    requested: { at: "2023-04-03T08:45:00Z", by: "joris" },
    description: "Basistraining opgavegericht werken, groep 1: trainershonorarium",
    supplier: "Bureau Opgave & Omgeving",
    kind: "in_house",
    amountCents: 145_000,
    course: "basistraining-opgavegericht-werken",
    decision: { at: "2023-04-05T11:30:00Z", outcome: "approve" },
    paid: { at: "2023-06-02T09:00:00Z", cents: 145_000 },
  },
  {
    requested: { at: "2023-05-10T11:30:00Z", by: "annelies" },
    description: "Leergang opgavegericht werken voor een opgaveregisseur",
    supplier: "Academie Maatschappelijke Opgaven",
    kind: "individual",
    amountCents: 295_000,
    course: "leergang-opgavegericht-werken",
    forDepartment: "MO/MB",
    forOgwRole: "opgave_director",
    college: { at: "2023-06-14T09:00:00Z", date: "2023-06-13", reference: "Z.184207 / D.1502318" },
    decision: { at: "2023-06-15T13:10:00Z", outcome: "approve" },
    paid: { at: "2023-09-20T10:00:00Z", cents: 295_000 },
  },
  {
    requested: { at: "2023-06-20T09:00:00Z", by: "joris" },
    description: "Kennissessie vier werksoorten: koffie en lunch",
    supplier: restaurant,
    kind: "knowledge_session",
    amountCents: 9_500,
    course: "kennissessie-vier-werksoorten",
    decision: { at: "2023-06-22T08:40:00Z", outcome: "approve" },
    paid: { at: "2023-07-12T12:15:00Z", cents: 8_850 },
  },
  {
    requested: { at: "2023-09-05T10:30:00Z", by: "annelies" },
    description: "Training netwerksamenwerking met partners (1 deelnemer)",
    supplier: "Opleidingscentrum Overheid & Samenleving",
    kind: "individual",
    amountCents: 89_500,
    course: "training-netwerksamenwerking",
    forDepartment: "OMG/OW",
    forOgwRole: "steering_professional",
    decision: { at: "2023-09-07T15:00:00Z", outcome: "approve" },
    paid: { at: "2023-11-01T10:30:00Z", cents: 89_500 },
  },
  {
    requested: { at: "2023-11-15T14:00:00Z", by: "joris" },
    description: "Masterclass opgaveregie (1 deelnemer)",
    supplier: "Leerhuis Publiek Samenwerken",
    kind: "individual",
    amountCents: 125_050,
    course: "masterclass-opgaveregie",
    forDepartment: "OOV",
    forOgwRole: "opgave_director",
    decision: {
      at: "2023-11-20T09:30:00Z",
      outcome: "reject",
      reason:
        "Eerst de basistraining volgen; in 2024 kan de masterclass opnieuw worden aangevraagd.",
    },
  },
  {
    requested: { at: "2024-01-22T09:40:00Z", by: "annelies" },
    description: "Kennissessie lessen uit andere gemeenten: gastspreker",
    supplier: "Bureau Samen Besturen",
    kind: "knowledge_session",
    amountCents: 25_000,
    course: "kennissessie-lessen-uit-andere-gemeenten",
    decision: { at: "2024-01-24T11:00:00Z", outcome: "approve" },
    cancelled: {
      at: "2024-02-28T16:10:00Z",
      by: "annelies",
      reason: "De gastspreker heeft afgezegd; de sessie wordt later opnieuw gepland.",
    },
  },
  {
    requested: { at: "2024-04-08T08:30:00Z", by: "joris" },
    description: "Workshop een opgave afbakenen, groep 1: trainershonorarium",
    supplier: "Bureau Opgave & Omgeving",
    kind: "in_house",
    amountCents: 135_000,
    course: "workshop-opgave-afbakenen",
    decision: { at: "2024-04-10T10:20:00Z", outcome: "approve" },
    paid: { at: "2024-06-14T09:45:00Z", cents: 141_500 },
  },
  {
    requested: { at: "2024-06-03T12:00:00Z", by: "annelies" },
    description: "Lunchsessie deuren en ramen open: lunch",
    supplier: restaurant,
    kind: "knowledge_session",
    amountCents: 12_000,
    course: "lunchsessie-deuren-en-ramen-open",
    decision: { at: "2024-06-04T08:50:00Z", outcome: "approve" },
    paid: { at: "2024-06-28T13:30:00Z", cents: 11_275 },
  },
  {
    requested: { at: "2024-10-14T15:00:00Z", by: "annelies" },
    description: "Externe dagvoorzitter voor de Gildedag",
    supplier: "Spreekbureau Gooi en Vecht",
    kind: "other",
    amountCents: 65_000,
    cancelled: {
      at: "2024-10-21T09:15:00Z",
      by: "annelies",
      reason: "De Gildedag krijgt een andere opzet, zonder dagvoorzitter.",
    },
  },
  {
    requested: { at: "2025-01-20T09:15:00Z", by: "joris" },
    description: "Kennissessie rapporteren over opgaven: zaalhuur en koffie",
    supplier: restaurant,
    kind: "knowledge_session",
    amountCents: 8_000,
    course: "kennissessie-rapporteren-over-opgaven",
    decision: { at: "2025-01-21T10:00:00Z", outcome: "approve" },
    paid: { at: "2025-02-10T11:00:00Z", cents: 8_000 },
  },
  {
    requested: { at: "2025-05-12T10:00:00Z", by: "annelies" },
    description: "Werkatelier actoren en belangen: trainershonorarium",
    supplier: "Trainerscollectief Samen aan Zet",
    kind: "in_house",
    amountCents: 150_000,
    course: "werkatelier-actoren-en-belangen",
    decision: {
      at: "2025-05-15T14:30:00Z",
      outcome: "reject",
      reason:
        "Overlapt met de basistraining; eerst de uitkomst van de halfjaarevaluatie afwachten.",
    },
  },
  {
    requested: { at: "2025-09-15T09:30:00Z", by: "joris" },
    description: "Kennissessie het opgaveplan op één A4: koffie en lunch",
    supplier: restaurant,
    kind: "knowledge_session",
    amountCents: 6_500,
    course: "kennissessie-opgaveplan-op-een-a4",
    decision: { at: "2025-09-16T08:30:00Z", outcome: "approve" },
    paid: { at: "2025-10-03T10:00:00Z", cents: 6_500 },
  },
  {
    requested: { at: "2026-02-09T11:00:00Z", by: "annelies" },
    description: "Kennissessie vier werksoorten (herhaling): koffie en lunch",
    supplier: restaurant,
    kind: "knowledge_session",
    amountCents: 11_000,
    course: "kennissessie-vier-werksoorten",
    decision: { at: "2026-02-10T09:00:00Z", outcome: "approve" },
    paid: { at: "2026-03-04T15:00:00Z", cents: 10_430 },
  },
  {
    requested: { at: "2026-04-20T13:45:00Z", by: "joris" },
    description: "Congres Opgavegericht werken 2026 (2 deelnemers)",
    supplier: "Stichting Congres Publieke Opgaven",
    kind: "other",
    amountCents: 78_000,
    decision: {
      at: "2026-04-23T10:10:00Z",
      outcome: "reject",
      reason:
        "Geen onderdeel van het leerprogramma van de Gilde; vraag het aan bij het afdelingsbudget.",
    },
  },
  {
    requested: { at: { daysAgo: 80 }, by: "annelies" },
    description: "Prioriteren tussen werksoorten voor lijnmanagers: trainershonorarium",
    supplier: "Trainerscollectief Samen aan Zet",
    kind: "in_house",
    amountCents: 110_000,
    course: "prioriteren-tussen-werksoorten",
    session: "last_held",
    decision: { at: { daysAgo: 77 }, outcome: "approve" },
  },
  {
    requested: { at: { daysAgo: 45 }, by: "joris" },
    description: "Workshop een opgave afbakenen, groep 2: trainershonorarium",
    supplier: "Bureau Opgave & Omgeving",
    kind: "in_house",
    amountCents: 135_000,
    course: "workshop-opgave-afbakenen",
    session: "last_held",
    decision: { at: { daysAgo: 43 }, outcome: "approve" },
  },
  {
    requested: { at: { daysAgo: 6 }, by: "joris" },
    description: "Kennissessie lessen uit andere gemeenten: gastspreker en zaal",
    supplier: "Bureau Samen Besturen",
    kind: "knowledge_session",
    amountCents: 25_000,
    course: "kennissessie-lessen-uit-andere-gemeenten",
    session: "next_planned",
  },
  {
    requested: { at: { daysAgo: 2 }, by: "annelies" },
    description: "Coaching on the job voor een opgaveregisseur",
    supplier: "Coachpraktijk Gooi en Eem",
    kind: "individual",
    amountCents: 145_000,
    course: "coaching-voor-opgaveregisseurs",
    session: "next_planned",
    forDepartment: "MO/MB",
    forOgwRole: "opgave_director",
  },
];

const DAY_MS = 24 * 60 * 60 * 1000;

function instant(when: When, now: Date): Date {
  if (typeof when === "string") return new Date(when);
  // Half past nine (UTC) on that day: office hours, and always before `now`.
  const day = new Date(now.getTime() - when.daysAgo * DAY_MS);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 9, 30));
}

// ---- Seeding ----

/**
 * Idempotent: does nothing to the budget when one named BUDGET_NAME exists. The budget and its
 * allocation are seeded in every mode (they are the college's decision); the second coordinator
 * and the history only in demo mode, where the demo coordinator exists.
 */
export async function seedBudget(now = new Date()): Promise<BudgetSeedResult> {
  const demo = getEnv().APP_MODE === "demo";
  const secondCoordinatorCreated = demo ? await ensureSecondCoordinator() : false;
  const budgetId = createBudgetOnce();
  if (budgetId === null)
    return { budgetCreated: false, expensesCreated: 0, secondCoordinatorCreated };

  const db = getDb();
  const joris = findUserByEmail(db, FIRST_DEMO_COORDINATOR);
  const annelies = findUserByEmail(db, secondDemoCoordinator.email);
  if (!demo || !joris || !annelies)
    return { budgetCreated: true, expensesCreated: 0, secondCoordinatorCreated };

  const expensesCreated = await replayHistory(
    budgetId,
    { joris: actorOf(joris), annelies: actorOf(annelies) },
    now,
  );
  return { budgetCreated: true, expensesCreated, secondCoordinatorCreated };
}

async function ensureSecondCoordinator(): Promise<boolean> {
  const db = getDb();
  if (findUserByEmail(db, secondDemoCoordinator.email)) return false;
  const hash = await hashPassword(DEMO_PASSWORD);
  return writeTransaction((tx) => {
    // Checked again inside the transaction, in case two seeds run at once.
    if (findUserByEmail(tx, secondDemoCoordinator.email)) return false;
    const department = tx
      .select({ id: departments.id })
      .from(departments)
      .where(eq(departments.code, secondDemoCoordinator.departmentCode))
      .get();
    const user = insertUser(tx, {
      email: secondDemoCoordinator.email,
      name: secondDemoCoordinator.name,
      appRole: secondDemoCoordinator.appRole,
      ogwRole: secondDemoCoordinator.ogwRole,
      departmentId: department?.id ?? null,
      status: "active",
    });
    setPasswordHash(tx, user.id, hash);
    return true;
  });
}

/** The budget and its allocation of € 15.000 in one transaction; null when it already exists. */
function createBudgetOnce(): number | null {
  return writeTransaction((tx) => {
    if (tx.select({ id: budgets.id }).from(budgets).where(eq(budgets.name, BUDGET_NAME)).get())
      return null;
    const stamp = ALLOCATED_AT.toISOString();
    const budget = tx
      .insert(budgets)
      .values({
        name: BUDGET_NAME,
        fundingSource: "Incidentele middelen concernontwikkeling (organisatiescan)",
        decisionDate: "2023-01-31",
        decisionReference: "Z.180338 / D.1436779",
        startDate: "2023-02-01",
        endDate: "2027-12-31",
        significanceThresholdCents: 250_000,
        createdAt: stamp,
        updatedAt: stamp,
      })
      .returning({ id: budgets.id })
      .get();
    // Nobody in the portal made this allocation: the college did.
    appendLedgerEntries(tx, [{ type: "allocation", amountCents: 1_500_000 }], {
      budgetId: budget.id,
      expenseId: null,
      reason: "Toekenning collegebesluit 31 januari 2023",
      createdById: null,
      at: ALLOCATED_AT,
    });
    recordAudit(tx, {
      actorId: null,
      action: "budget_created",
      objectType: "budget",
      objectId: budget.id,
      result: "success",
      origin: SEED_ORIGIN,
      details: {
        after: { name: BUDGET_NAME, budgetCents: 1_500_000, significanceThresholdCents: 250_000 },
      },
      at: ALLOCATED_AT,
    });
    return budget.id;
  });
}

function actorOf(user: User): Actor {
  return { id: user.id, name: user.name, departmentId: user.departmentId, ogwRole: user.ogwRole };
}

type Step = { at: Date; order: number; run: (ids: Map<PlannedExpense, number>) => Promise<void> };

/**
 * Every request and decision becomes a step at its own moment; the steps run in date order, and
 * only those up to `now`. A decision that the rules refuse is a mistake in the plan: it throws.
 */
async function replayHistory(
  budgetId: number,
  actors: Record<Who, Actor>,
  now: Date,
): Promise<number> {
  const other = (who: Who): Who => (who === "joris" ? "annelies" : "joris");
  const quiet = { notify: false };
  const steps: Step[] = [];
  const add = (when: When, run: Step["run"]) =>
    steps.push({ at: instant(when, now), order: steps.length, run });
  // A decision on a request that fell before the allocation (only with a very early `now`) is skipped.
  const decide = (plan: PlannedExpense, when: When, run: (id: number, at: Date) => Promise<void>) =>
    add(when, async (ids) => {
      const id = ids.get(plan);
      if (id !== undefined) await run(id, instant(when, now));
    });

  for (const plan of history) {
    const requester = plan.requested.by;
    const decider = actors[other(requester)];
    add(plan.requested.at, async (ids) => {
      const at = instant(plan.requested.at, now);
      const result = await requestExpense(
        requestFor(budgetId, plan, now),
        actors[requester],
        SEED_ORIGIN,
        at,
        quiet,
      );
      ids.set(plan, orThrow(result, plan).expenseId);
    });
    const { college, decision, cancelled, paid } = plan;
    if (college) {
      decide(plan, college.at, async (id, at) => {
        const recorded = {
          outcome: "approved" as const,
          date: college.date,
          reference: college.reference,
        };
        orThrow(
          await recordCollegeDecision(id, recorded, actors[requester], SEED_ORIGIN, at, quiet),
          plan,
        );
      });
    }
    if (decision) {
      decide(plan, decision.at, async (id, at) => {
        const result =
          decision.outcome === "approve"
            ? await approveExpense(id, decider, SEED_ORIGIN, at, quiet)
            : await rejectExpense(
                id,
                decision.reason ?? "Afgewezen.",
                decider,
                SEED_ORIGIN,
                at,
                quiet,
              );
        orThrow(result, plan);
      });
    }
    if (cancelled) {
      decide(plan, cancelled.at, async (id, at) => {
        orThrow(
          await cancelExpense(id, cancelled.reason, actors[cancelled.by], SEED_ORIGIN, at, quiet),
          plan,
        );
      });
    }
    if (paid) {
      decide(plan, paid.at, async (id, at) => {
        orThrow(await payExpense(id, paid.cents, decider, SEED_ORIGIN, at, quiet), plan);
      });
    }
  }

  const due = steps
    .filter(
      (step) => step.at.getTime() >= ALLOCATED_AT.getTime() && step.at.getTime() <= now.getTime(),
    )
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  const ids = new Map<PlannedExpense, number>();
  for (const step of due) await step.run(ids);
  return ids.size;
}

function orThrow<T>(
  result: { ok: true; value: T } | { ok: false; message: string },
  plan: PlannedExpense,
): T {
  if (!result.ok) throw new Error(`Seed of "${plan.description}" refused: ${result.message}`);
  return result.value;
}

function requestFor(budgetId: number, plan: PlannedExpense, now: Date): ExpenseRequest {
  const db = getDb();
  const course = plan.course
    ? db.select({ id: courses.id }).from(courses).where(eq(courses.slug, plan.course)).get()
    : undefined;
  let sessionId: number | null = null;
  if (course && plan.session) {
    const stamp = now.toISOString();
    const session =
      plan.session === "last_held"
        ? db
            .select({ id: courseSessions.id })
            .from(courseSessions)
            .where(
              and(
                eq(courseSessions.courseId, course.id),
                eq(courseSessions.status, "held"),
                lt(courseSessions.startsAt, stamp),
              ),
            )
            .orderBy(desc(courseSessions.startsAt))
            .get()
        : db
            .select({ id: courseSessions.id })
            .from(courseSessions)
            .where(
              and(
                eq(courseSessions.courseId, course.id),
                eq(courseSessions.status, "planned"),
                gt(courseSessions.startsAt, stamp),
              ),
            )
            .orderBy(asc(courseSessions.startsAt))
            .get();
    sessionId = session?.id ?? null;
  }
  const department = plan.forDepartment
    ? db
        .select({ id: departments.id })
        .from(departments)
        .where(eq(departments.code, plan.forDepartment))
        .get()
    : undefined;
  return {
    budgetId,
    description: plan.description,
    supplier: plan.supplier,
    kind: plan.kind,
    amountCents: plan.amountCents,
    courseId: course?.id ?? null,
    sessionId,
    ...(plan.forDepartment ? { departmentId: department?.id ?? null } : {}),
    ...(plan.forOgwRole ? { ogwRole: plan.forOgwRole } : {}),
  };
}
