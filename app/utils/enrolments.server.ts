// Enrolment changes: enrol, cancel (with promotion from the waitlist), approve and reject a paid
// enrolment, register attendance, and what a cancelled session does to its enrolments. Each one
// renders its mail first and then decides and writes the enrolment, the outbox mail, the ledger
// entries and the audit row in one IMMEDIATE transaction with a synchronous callback (ADR 005).
import { eq } from "drizzle-orm";
import { getDb, type Db } from "#db/client.server.ts";
import { courseSessions, type AttendanceStatus } from "#db/schema.ts";
import {
  checkFits,
  checkTransition,
  entriesForCancellation,
  isSignificant,
  projectCommitment,
} from "#app/domain/budget.ts";
import {
  checkEnrolmentTransition,
  decideEnrolment,
  promoteFromWaitlist,
  statusOnPromotion,
  type EnrolmentAction,
} from "#app/domain/enrolment.ts";
import type { AppRole, OgwRole } from "#app/domain/roles.ts";
import { enrolmentInvitation } from "#app/mail/calendar.server.ts";
import { queueMail, type RenderedMail } from "#app/mail/outbox.server.ts";
import {
  renderEnrolmentApprovalNeededMail,
  renderEnrolmentCancelledMail,
  renderEnrolmentConfirmedMail,
  renderEnrolmentRejectedMail,
  renderEnrolmentRequestedMail,
  renderEnrolmentWaitlistedMail,
  renderFeedbackRequestMail,
} from "#app/mail/templates.server.ts";
import { recordAudit } from "#app/models/audit.server.ts";
import {
  activeUsersWithRoles,
  appendLedgerEntries,
  getBudget,
  getBudgetFigures,
  getCurrentBudget,
  getExpense,
  insertExpense,
  updateExpense,
  type Expense,
} from "#app/models/budget.server.ts";
import { getSessionWithCourse, type SessionWithCourse } from "#app/models/catalogue.server.ts";
import {
  activeEnrolmentFor,
  getEnrolment,
  insertEnrolment,
  listSessionEnrolments,
  listWaitlist,
  seatCounts,
  updateEnrolment,
  type Enrolment,
} from "#app/models/enrolments.server.ts";
import { getFeedbackForEnrolment } from "#app/models/feedback.server.ts";
import { findUserById, type User } from "#app/models/users.server.ts";
import { getEnv } from "./env.server.ts";
import { commitApproval, renderWarning, warningBasis } from "./expenses.server.ts";
import {
  renderThenWrite,
  STALE,
  take,
  type Candidate,
  type Stale,
} from "./render-then-write.server.ts";

export type EnrolmentActor = {
  id: number;
  name: string;
  appRole: AppRole;
  ogwRole: OgwRole;
  departmentId: number | null;
};

export type EnrolmentResult<T = undefined> =
  { ok: true; value: T } | { ok: false; field?: string; message: string; notFound?: boolean };

const sessionNotFound = {
  ok: false as const,
  notFound: true,
  message: "Deze sessie bestaat niet.",
};
const enrolmentNotFound = {
  ok: false as const,
  notFound: true,
  message: "Deze inschrijving bestaat niet.",
};
const noBudgetMessage =
  "Er is geen opleidingsbudget ingesteld, dus een betaalde inschrijving kan nu niet worden aangevraagd.";

/** Only a guild coordinator decides on paid enrolments, others' cancellations and attendance. */
export function canDecideEnrolments(actor: Pick<EnrolmentActor, "appRole">): boolean {
  return actor.appRole === "coordinator";
}

// ---- Mail helpers ----

// A new enrolment has no id until it is inserted; its invitation is rendered with this in the UID
// and the transaction fills in the real id.
const NEW_ENROLMENT = "NIEUW";

function withEnrolmentId(mail: RenderedMail, enrolmentId: number): RenderedMail {
  if (!mail.attachments) return mail;
  return {
    ...mail,
    attachments: mail.attachments.map((attachment) => ({
      ...attachment,
      content: attachment.content.replaceAll(
        `inschrijving-${NEW_ENROLMENT}@`,
        `inschrijving-${enrolmentId}@`,
      ),
    })),
  };
}

function sessionLink(sessionId: number): string {
  return new URL(`/sessies/${sessionId}`, getEnv().APP_URL).toString();
}

/** What every mail about a session says about it. */
function sessionBasis({ session, course }: SessionWithCourse): unknown[] {
  return [
    session.startsAt,
    session.endsAt,
    session.location,
    session.onlineUrl,
    session.updatedAt,
    course.title,
    course.costPerParticipantCents,
  ];
}

function sessionMailProps({ session, course }: SessionWithCourse) {
  return {
    courseTitle: course.title,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    link: sessionLink(session.id),
  };
}

type Recipient = Pick<User, "id" | "name" | "email">;

/** The .ics for the member's own calendar: the member is the attendee, the guild the organizer. */
function invitation(
  enrolmentId: number | string,
  found: SessionWithCourse,
  method: "REQUEST" | "CANCEL",
  now: Date,
  member: Recipient,
) {
  return enrolmentInvitation({
    enrolmentId,
    session: found.session,
    course: found.course,
    method,
    now,
    attendee: { name: member.name, email: member.email },
  });
}

function activeMember(db: Db, memberId: number): Recipient | undefined {
  const user = findUserById(db, memberId);
  return user?.status === "active" ? user : undefined;
}

async function renderConfirmed(
  found: SessionWithCourse,
  member: Recipient,
  enrolmentId: number | string,
  cause: "enrolled" | "promoted" | "approved",
  now: Date,
  decidedByName: string | null = null,
): Promise<RenderedMail> {
  return (await renderConfirmedLater(found, member, enrolmentId, cause, now, decidedByName))();
}

/**
 * The confirmation rendered now, its .ics made when it is asked for: in a rush most confirmations
 * rendered in case a seat is left are never queued, and the .ics costs more than the rendering.
 */
async function renderConfirmedLater(
  found: SessionWithCourse,
  member: Recipient,
  enrolmentId: number | string,
  cause: "enrolled" | "promoted" | "approved",
  now: Date,
  decidedByName: string | null = null,
): Promise<() => RenderedMail> {
  const mail = await renderEnrolmentConfirmedMail({
    to: member.email,
    toUserId: member.id,
    name: member.name,
    ...sessionMailProps(found),
    location: found.session.location,
    onlineUrl: found.session.onlineUrl,
    cause,
    decidedByName,
  });
  return () => ({
    ...mail,
    attachments: [invitation(enrolmentId, found, "REQUEST", now, member)],
  });
}

/** The member's "waiting for approval" mail and the coordinators' "please assess" mails. */
async function renderRequested(
  db: Db,
  found: SessionWithCourse,
  member: Recipient,
  cause: "enrolled" | "promoted",
  thresholdCents: number,
): Promise<RenderedMail[]> {
  const costCents = found.course.costPerParticipantCents;
  const coordinators = activeUsersWithRoles(db, ["coordinator"]).filter(
    (user) => user.id !== member.id,
  );
  return Promise.all([
    renderEnrolmentRequestedMail({
      to: member.email,
      toUserId: member.id,
      name: member.name,
      ...sessionMailProps(found),
      costCents,
      cause,
    }),
    ...coordinators.map((coordinator) =>
      renderEnrolmentApprovalNeededMail({
        to: coordinator.email,
        toUserId: coordinator.id,
        name: coordinator.name,
        memberName: member.name,
        ...sessionMailProps(found),
        costCents,
        significant: isSignificant(costCents, thresholdCents),
        thresholdCents,
      }),
    ),
  ]);
}

function audit(
  tx: Db,
  actor: { id: number },
  address: string,
  now: Date,
  objectId: number,
  action: string,
  details: Record<string, unknown>,
  objectType = "enrolment",
) {
  recordAudit(tx, {
    actorId: actor.id,
    action,
    objectType,
    objectId,
    result: "success",
    origin: address,
    details,
    at: now,
  });
}

// ---- Money for paid enrolments ----

function expenseDescription(enrolmentId: number, found: SessionWithCourse): string {
  // No member name: the expense must stay readable after a member is anonymised.
  return `Inschrijving ${enrolmentId}: ${found.course.title} (${found.session.startsAt.slice(0, 10)})`;
}

/** Records the cost per participant as a request on the current budget, linked to the enrolment. */
function requestEnrolmentExpense(
  tx: Db,
  enrolment: Enrolment,
  found: SessionWithCourse,
  budgetId: number,
  thresholdCents: number,
  now: Date,
): Expense {
  const amountCents = found.course.costPerParticipantCents;
  const expense = insertExpense(tx, {
    budgetId,
    description: expenseDescription(enrolment.id, found),
    supplier: found.course.provider,
    kind: found.course.kind,
    amountCents,
    courseId: found.course.id,
    sessionId: found.session.id,
    requestedById: enrolment.memberId,
    departmentId: enrolment.departmentId,
    ogwRole: enrolment.ogwRole,
    status: "requested",
    significant: isSignificant(amountCents, thresholdCents),
    requestedAt: now.toISOString(),
  });
  updateEnrolment(tx, enrolment.id, { expenseId: expense.id }, now);
  return expense;
}

/** Withdraws the request, or cancels the approval and releases its commitment. Paid stays paid. */
function releaseEnrolmentExpense(
  tx: Db,
  enrolment: Enrolment,
  actor: { id: number },
  why: string,
  now: Date,
): number {
  if (enrolment.expenseId === null) return 0;
  const expense = getExpense(tx, enrolment.expenseId);
  if (!expense || (expense.status !== "requested" && expense.status !== "approved")) return 0;
  const entries = entriesForCancellation(expense.status, expense.amountCents);
  updateExpense(tx, expense.id, { status: "cancelled", decisionReason: why }, now);
  appendLedgerEntries(tx, entries, {
    budgetId: expense.budgetId,
    expenseId: expense.id,
    reason: `Geannuleerd: ${why}`,
    createdById: actor.id,
    at: now,
  });
  return entries.reduce((sum, entry) => sum + entry.amountCents, 0);
}

/** Cancels one enrolment and releases its money; returns the cents released. */
function cancelOne(
  tx: Db,
  enrolment: Enrolment,
  actor: { id: number },
  why: string,
  now: Date,
): number {
  updateEnrolment(
    tx,
    enrolment.id,
    { status: "cancelled", cancelledAt: now.toISOString(), cancelledById: actor.id },
    now,
  );
  return releaseEnrolmentExpense(tx, enrolment, actor, why, now);
}

// ---- Promotion from the waitlist ----

export type PromotionCandidates = Map<number, Candidate>;

/** How far down the waitlist a preparation renders promotion mails; wider on every retry. */
function promotionWindow(freeSeats: number, attempt: number): number {
  return freeSeats + 2 * attempt;
}

function promotionBasis(enrolment: Enrolment, found: SessionWithCourse, thresholdCents: number) {
  return JSON.stringify([enrolment.id, enrolment.memberId, thresholdCents, ...sessionBasis(found)]);
}

async function renderPromotions(
  db: Db,
  found: SessionWithCourse,
  freeSeatsAfter: number,
  attempt: number,
  now: Date,
): Promise<PromotionCandidates> {
  const candidates: PromotionCandidates = new Map();
  if (freeSeatsAfter <= 0) return candidates;
  const paid = found.course.costPerParticipantCents > 0;
  const thresholdCents = paid ? (getCurrentBudget(db)?.significanceThresholdCents ?? 0) : 0;
  const waiting = listWaitlist(db, found.session.id).slice(
    0,
    promotionWindow(freeSeatsAfter, attempt),
  );
  await Promise.all(
    waiting.map(async (enrolment) => {
      const member = activeMember(db, enrolment.memberId);
      const mails = !member
        ? []
        : paid
          ? await renderRequested(db, found, member, "promoted", thresholdCents)
          : [await renderConfirmed(found, member, enrolment.id, "promoted", now)];
      candidates.set(enrolment.id, {
        basis: promotionBasis(enrolment, found, thresholdCents),
        mails,
      });
    }),
  );
  return candidates;
}

type PromotionPlan = {
  promotions: { enrolment: Enrolment; mails: RenderedMail[] }[];
  budget: { id: number; thresholdCents: number } | null;
};

/**
 * Who gets the free seats once `seatsFreed` more are released, first in line first; reads only.
 * STALE when a promoted member's mail was not rendered beforehand. A paid course without a budget
 * promotes nobody: the waitlist keeps its order until there is one.
 */
function planPromotions(
  tx: Db,
  found: SessionWithCourse,
  candidates: PromotionCandidates,
  seatsFreed: number,
  excludeId: number | null = null,
): PromotionPlan | Stale {
  const none: PromotionPlan = { promotions: [], budget: null };
  const waitlist = listWaitlist(tx, found.session.id).filter((entry) => entry.id !== excludeId);
  if (waitlist.length === 0) return none;
  const paid = found.course.costPerParticipantCents > 0;
  const current = paid ? getCurrentBudget(tx) : undefined;
  if (paid && !current) return none;
  const budget = current
    ? { id: current.id, thresholdCents: current.significanceThresholdCents }
    : null;
  const counts = seatCounts(tx, found.session.id);
  const ids = promoteFromWaitlist({
    capacity: found.session.capacity,
    confirmedCount: Math.max(0, counts.confirmed + counts.requested - seatsFreed),
    waitlist: waitlist.map((entry) => ({
      id: entry.id,
      enrolledAt: new Date(entry.enrolledAt),
      needsApproval: paid,
    })),
  });
  const byId = new Map(waitlist.map((entry) => [entry.id, entry]));
  const promotions: PromotionPlan["promotions"] = [];
  for (const id of ids) {
    const enrolment = byId.get(id)!;
    const mails = take(
      candidates.get(id),
      promotionBasis(enrolment, found, budget?.thresholdCents ?? 0),
    );
    if (mails === STALE) return STALE;
    promotions.push({ enrolment, mails });
  }
  return { promotions, budget };
}

/** Writes a plan: the promoted become confirmed (or, paid, a request with its expense). */
function applyPromotions(
  tx: Db,
  found: SessionWithCourse,
  plan: PromotionPlan,
  actor: { id: number },
  address: string,
  now: Date,
): number[] {
  const paid = found.course.costPerParticipantCents > 0;
  const status = statusOnPromotion(paid);
  for (const { enrolment, mails } of plan.promotions) {
    updateEnrolment(tx, enrolment.id, { status, promotedAt: now.toISOString() }, now);
    if (paid && plan.budget) {
      requestEnrolmentExpense(
        tx,
        enrolment,
        found,
        plan.budget.id,
        plan.budget.thresholdCents,
        now,
      );
    }
    for (const mail of mails) queueMail(tx, mail);
    audit(tx, actor, address, now, enrolment.id, "enrolment_promoted", {
      sessionId: found.session.id,
      before: { status: "waitlisted" },
      after: { status },
    });
  }
  return plan.promotions.map(({ enrolment }) => enrolment.id);
}

function freeSeatsAfterRelease(
  found: SessionWithCourse,
  counts: { confirmed: number; requested: number },
) {
  return Math.max(0, found.session.capacity - counts.confirmed - counts.requested + 1);
}

// ---- Enrol ----

/**
 * Enrols the member in their current OGW role: confirmed when a seat is free and the session is
 * free of charge, a request (with its expense on the budget) for a paid course, the waitlist when
 * full. Refused when the session is closed or the member already has an active enrolment.
 */
export async function enrolInSession(
  sessionId: number,
  member: EnrolmentActor,
  address: string,
  now?: Date,
): Promise<
  EnrolmentResult<{
    enrolmentId: number;
    status: "confirmed" | "waitlisted" | "requested";
    waitlistPosition: number | null;
  }>
> {
  const read = (db: Db) => ({
    counts: seatCounts(db, sessionId),
    active: activeEnrolmentFor(db, sessionId, member.id)?.status ?? null,
  });
  // `seatsTaken`: seats that enrolments being written right now will take (a prediction only).
  const decide = (
    found: SessionWithCourse,
    { counts, active }: ReturnType<typeof read>,
    at: Date,
    seatsTaken = 0,
  ) =>
    decideEnrolment({
      session: {
        status: found.session.status,
        startsAt: new Date(found.session.startsAt),
        enrolmentDeadline: new Date(found.session.enrolmentDeadline),
        capacity: found.session.capacity,
      },
      costPerParticipantCents: found.course.costPerParticipantCents,
      confirmedCount: counts.confirmed + seatsTaken,
      requestedCount: counts.requested,
      memberHasActiveEnrolment: active,
      now: at,
    });
  const basisOf = (kind: string, found: SessionWithCourse, thresholdCents: number | null) =>
    JSON.stringify([kind, thresholdCents, member.name, ...sessionBasis(found)]);

  return renderThenWrite(
    async (attempt) => {
      const db = getDb();
      const found = getSessionWithCourse(db, sessionId);
      const recipient = findUserById(db, member.id);
      if (!found || !recipient) return null;
      const at = now ?? new Date();
      const seats = read(db);
      const decision = decide(found, seats, at);
      if (decision.kind === "refuse") return null;
      // In a rush every request reads the seats before any of them writes. When the seats that
      // earlier requests are about to take would fill the session, the outcome is open: render the
      // mail for both outcomes, and let the transaction decide (a retry reads only the database).
      const inFlight = attempt === 1 ? seatsBeingTaken(sessionId) : 0;
      const predicted = inFlight > 0 ? decide(found, seats, at, inFlight) : decision;
      const kinds = [...new Set([decision.kind, predicted.kind])].filter(
        (kind): kind is Exclude<typeof kind, "refuse"> => kind !== "refuse",
      );
      const holdsSeat = predicted.kind === "confirm";
      if (holdsSeat) takeSeat(sessionId, +1);
      try {
        const threshold = kinds.includes("request")
          ? (getCurrentBudget(db)?.significanceThresholdCents ?? null)
          : null;
        const renderFor = async (kind: (typeof kinds)[number]): Promise<() => RenderedMail[]> => {
          if (kind === "confirm") {
            const confirmed = await renderConfirmedLater(
              found,
              recipient,
              NEW_ENROLMENT,
              "enrolled",
              at,
            );
            return () => [confirmed()];
          }
          const mails =
            kind === "waitlist"
              ? [
                  await renderEnrolmentWaitlistedMail({
                    to: recipient.email,
                    toUserId: recipient.id,
                    name: recipient.name,
                    ...sessionMailProps(found),
                  }),
                ]
              : threshold === null
                ? []
                : await renderRequested(db, found, recipient, "enrolled", threshold);
          return () => mails;
        };
        // Mails per outcome, made complete only for the outcome the transaction decides on.
        const candidates = new Map<string, { basis: string; mails: () => RenderedMail[] }>();
        for (const kind of kinds) {
          candidates.set(kind, {
            basis: basisOf(kind, found, kind === "request" ? threshold : null),
            mails: await renderFor(kind),
          });
        }
        return { holdsSeat, candidates };
      } catch (error) {
        if (holdsSeat) takeSeat(sessionId, -1);
        throw error;
      }
    },
    (tx, prepared) => {
      const found = getSessionWithCourse(tx, sessionId);
      if (!found) return sessionNotFound;
      // The moment of acceptance: the waitlist is in the order the transactions ran.
      const at = now ?? new Date();
      const seats = read(tx);
      const decision = decide(found, seats, at);
      if (decision.kind === "refuse") return { ok: false as const, message: decision.message };
      const budget = decision.kind === "request" ? getCurrentBudget(tx) : undefined;
      if (decision.kind === "request" && !budget)
        return { ok: false as const, message: noBudgetMessage };
      const threshold = budget?.significanceThresholdCents ?? null;
      const chosen = prepared?.candidates.get(decision.kind);
      if (!chosen || chosen.basis !== basisOf(decision.kind, found, threshold)) return STALE;
      const mails = chosen.mails();

      const status: "confirmed" | "waitlisted" | "requested" =
        decision.kind === "confirm"
          ? "confirmed"
          : decision.kind === "waitlist"
            ? "waitlisted"
            : "requested";
      // The counts decided on: nothing was written since.
      const waitlistPosition = status === "waitlisted" ? seats.counts.waitlisted + 1 : null;
      const enrolment = insertEnrolment(tx, {
        sessionId,
        memberId: member.id,
        ogwRole: member.ogwRole,
        departmentId: member.departmentId,
        status,
        initialStatus: status,
        enrolledAt: at.toISOString(),
      });
      const expense =
        budget && threshold !== null
          ? requestEnrolmentExpense(tx, enrolment, found, budget.id, threshold, at)
          : undefined;
      for (const mail of mails) queueMail(tx, withEnrolmentId(mail, enrolment.id));
      audit(tx, member, address, at, enrolment.id, "enrolment_created", {
        sessionId,
        after: { status, ogwRole: member.ogwRole, waitlistPosition },
        ...(expense
          ? {
              expenseId: expense.id,
              amountCents: expense.amountCents,
              significant: expense.significant,
            }
          : {}),
      });
      return { ok: true as const, value: { enrolmentId: enrolment.id, status, waitlistPosition } };
    },
    (prepared) => {
      if (prepared?.holdsSeat) takeSeat(sessionId, -1);
    },
  );
}

// Per session, the enrolments in this process that predicted a free seat and have not finished their
// transaction yet. Only a prediction for which mail to render first; never a decision.
const seatsInFlight = new Map<number, number>();

function seatsBeingTaken(sessionId: number): number {
  return seatsInFlight.get(sessionId) ?? 0;
}

function takeSeat(sessionId: number, change: 1 | -1) {
  const next = seatsBeingTaken(sessionId) + change;
  if (next > 0) seatsInFlight.set(sessionId, next);
  else seatsInFlight.delete(sessionId);
}

// ---- Cancel, approve, reject ----

type Loaded = { enrolment: Enrolment; found: SessionWithCourse };

function load(
  db: Db,
  enrolmentId: number,
  action: EnrolmentAction,
  actor: EnrolmentActor,
  now: Date,
): EnrolmentResult<Loaded> {
  const enrolment = getEnrolment(db, enrolmentId);
  if (!enrolment) return enrolmentNotFound;
  const own = enrolment.memberId === actor.id;
  // Someone else's enrolment does not exist for a member (no hint that the id is taken).
  if (!own && !canDecideEnrolments(actor)) return enrolmentNotFound;
  const found = getSessionWithCourse(db, enrolment.sessionId);
  if (!found) return sessionNotFound;
  const verdict = checkEnrolmentTransition(
    enrolment,
    action,
    { id: actor.id, canDecide: canDecideEnrolments(actor) },
    now,
    new Date(found.session.startsAt),
  );
  if (!verdict.ok) return { ok: false, message: verdict.message };
  return { ok: true, value: { enrolment, found } };
}

/**
 * The member withdraws, or a coordinator cancels on their behalf. A seat that comes free goes to
 * the first on the waitlist at once, in the same transaction; a paid enrolment's money is released.
 */
export async function cancelEnrolment(
  enrolmentId: number,
  actor: EnrolmentActor,
  address: string,
  now = new Date(),
): Promise<EnrolmentResult<{ promotedIds: number[] }>> {
  const cancelledBasis = (loaded: Loaded) =>
    JSON.stringify([
      loaded.enrolment.status,
      loaded.enrolment.memberId,
      ...sessionBasis(loaded.found),
    ]);
  return renderThenWrite(
    async (attempt) => {
      const db = getDb();
      const loaded = load(db, enrolmentId, "cancel", actor, now);
      if (!loaded.ok) return null;
      const { enrolment, found } = loaded.value;
      const member = activeMember(db, enrolment.memberId);
      const cause = enrolment.memberId === actor.id ? "member" : "coordinator";
      const cancelled: Candidate = {
        basis: cancelledBasis(loaded.value),
        mails: member
          ? [
              await renderEnrolmentCancelledMail({
                to: member.email,
                toUserId: member.id,
                name: member.name,
                ...sessionMailProps(found),
                cause,
                attachments: [invitation(enrolment.id, found, "CANCEL", now, member)],
              }),
            ]
          : [],
      };
      const holdsSeat = enrolment.status === "confirmed" || enrolment.status === "requested";
      const promotions = holdsSeat
        ? await renderPromotions(
            db,
            found,
            freeSeatsAfterRelease(found, seatCounts(db, found.session.id)),
            attempt,
            now,
          )
        : new Map<number, Candidate>();
      return { cancelled, promotions };
    },
    (tx, prepared) => {
      const loaded = load(tx, enrolmentId, "cancel", actor, now);
      if (!loaded.ok) return loaded;
      const { enrolment, found } = loaded.value;
      const mails = take(prepared?.cancelled, cancelledBasis(loaded.value));
      if (mails === STALE || !prepared) return STALE;
      const holdsSeat = enrolment.status === "confirmed" || enrolment.status === "requested";
      const plan = planPromotions(tx, found, prepared.promotions, holdsSeat ? 1 : 0, enrolment.id);
      if (plan === STALE) return STALE;
      const releasedCents = cancelOne(tx, enrolment, actor, "inschrijving afgemeld", now);
      const promotedIds = applyPromotions(tx, found, plan, actor, address, now);
      for (const mail of mails) queueMail(tx, mail);
      audit(tx, actor, address, now, enrolment.id, "enrolment_cancelled", {
        sessionId: found.session.id,
        before: { status: enrolment.status },
        after: { status: "cancelled", releasedCents, promotedIds },
      });
      return { ok: true as const, value: { promotedIds } };
    },
  );
}

/**
 * A coordinator (never the member) approves a paid enrolment: the expense is approved and its cost
 * committed on the budget in the same transaction, refused with the shortfall when it does not fit
 * and, for a significant cost, until the college has decided.
 */
export async function approveEnrolment(
  enrolmentId: number,
  actor: EnrolmentActor,
  address: string,
  now = new Date(),
): Promise<EnrolmentResult> {
  const check = (db: Db): EnrolmentResult<Loaded & { expense: Expense }> => {
    const loaded = load(db, enrolmentId, "approve", actor, now);
    if (!loaded.ok) return loaded;
    const expense = loaded.value.enrolment.expenseId
      ? getExpense(db, loaded.value.enrolment.expenseId)
      : undefined;
    if (!expense)
      return { ok: false, message: "Bij deze aanvraag hoort geen uitgave op het budget." };
    const verdict = checkTransition(expense, "approve", actor.id);
    if (!verdict.ok) return { ok: false, message: verdict.message };
    const fits = checkFits(
      getBudgetFigures(db, expense.budgetId).availableCents,
      expense.amountCents,
    );
    if (!fits.ok) return { ok: false, message: fits.message };
    return { ok: true, value: { ...loaded.value, expense } };
  };
  const confirmedBasis = (checked: Loaded) =>
    JSON.stringify([checked.enrolment.memberId, actor.name, ...sessionBasis(checked.found)]);

  return renderThenWrite(
    async () => {
      const db = getDb();
      const checked = check(db);
      if (!checked.ok) return null;
      const { enrolment, found, expense } = checked.value;
      const member = activeMember(db, enrolment.memberId);
      const before = getBudgetFigures(db, expense.budgetId);
      const projection = projectCommitment(before, expense.amountCents);
      return {
        confirmed: {
          basis: confirmedBasis(checked.value),
          mails: member
            ? [await renderConfirmed(found, member, enrolment.id, "approved", now, actor.name)]
            : [],
        },
        warning: projection.crossesWarning
          ? await renderWarning(
              getBudget(db, expense.budgetId)!,
              before,
              projection.after,
              expense,
              "de goedkeuring van",
            )
          : null,
      };
    },
    (tx, prepared) => {
      const checked = check(tx);
      if (!checked.ok) return checked;
      const { enrolment, found, expense } = checked.value;
      const before = getBudgetFigures(tx, expense.budgetId);
      const projection = projectCommitment(before, expense.amountCents);
      const mails = take(prepared?.confirmed, confirmedBasis(checked.value));
      if (mails === STALE) return STALE;
      if (projection.crossesWarning) {
        const warning = take(
          prepared?.warning,
          warningBasis(getBudget(tx, expense.budgetId)!, before, expense),
        );
        if (warning === STALE) return STALE;
        mails.push(...warning);
      }
      commitApproval(tx, expense, actor, now);
      updateEnrolment(
        tx,
        enrolment.id,
        { status: "confirmed", decidedById: actor.id, decidedAt: now.toISOString() },
        now,
      );
      for (const mail of mails) queueMail(tx, mail);
      audit(tx, actor, address, now, enrolment.id, "enrolment_approved", {
        sessionId: found.session.id,
        expenseId: expense.id,
        before: { status: "requested", availableCents: before.availableCents },
        after: {
          status: "confirmed",
          committedCents: expense.amountCents,
          availableCents: projection.after.availableCents,
        },
      });
      return { ok: true as const, value: undefined };
    },
  );
}

/** A coordinator rejects a paid enrolment with a reason; its seat goes to the waitlist. */
export async function rejectEnrolment(
  enrolmentId: number,
  reason: string,
  actor: EnrolmentActor,
  address: string,
  now = new Date(),
): Promise<EnrolmentResult> {
  const why = reason.trim();
  if (why === "") return { ok: false, field: "reason", message: "Geef een reden op." };
  const rejectedBasis = (loaded: Loaded) =>
    JSON.stringify([loaded.enrolment.memberId, actor.name, why, ...sessionBasis(loaded.found)]);
  return renderThenWrite(
    async (attempt) => {
      const db = getDb();
      const loaded = load(db, enrolmentId, "reject", actor, now);
      if (!loaded.ok) return null;
      const { enrolment, found } = loaded.value;
      const member = activeMember(db, enrolment.memberId);
      return {
        rejected: {
          basis: rejectedBasis(loaded.value),
          mails: member
            ? [
                await renderEnrolmentRejectedMail({
                  to: member.email,
                  toUserId: member.id,
                  name: member.name,
                  ...sessionMailProps(found),
                  decidedByName: actor.name,
                  reason: why,
                }),
              ]
            : [],
        },
        promotions: await renderPromotions(
          db,
          found,
          freeSeatsAfterRelease(found, seatCounts(db, found.session.id)),
          attempt,
          now,
        ),
      };
    },
    (tx, prepared) => {
      const loaded = load(tx, enrolmentId, "reject", actor, now);
      if (!loaded.ok) return loaded;
      const { enrolment, found } = loaded.value;
      const mails = take(prepared?.rejected, rejectedBasis(loaded.value));
      if (mails === STALE || !prepared) return STALE;
      const plan = planPromotions(tx, found, prepared.promotions, 1, enrolment.id);
      if (plan === STALE) return STALE;
      const expense = enrolment.expenseId ? getExpense(tx, enrolment.expenseId) : undefined;
      if (expense?.status === "requested") {
        updateExpense(
          tx,
          expense.id,
          {
            status: "rejected",
            decidedById: actor.id,
            decidedAt: now.toISOString(),
            decisionReason: why,
          },
          now,
        );
      }
      updateEnrolment(
        tx,
        enrolment.id,
        {
          status: "rejected",
          decidedById: actor.id,
          decidedAt: now.toISOString(),
          decisionReason: why,
        },
        now,
      );
      const promotedIds = applyPromotions(tx, found, plan, actor, address, now);
      for (const mail of mails) queueMail(tx, mail);
      audit(tx, actor, address, now, enrolment.id, "enrolment_rejected", {
        sessionId: found.session.id,
        expenseId: expense?.id ?? null,
        before: { status: "requested" },
        after: { status: "rejected", promotedIds },
        reason: why,
      });
      return { ok: true as const, value: undefined };
    },
  );
}

// ---- Attendance ----

function feedbackLink(enrolmentId: number): string {
  return new URL(`/mijn-inschrijvingen/${enrolmentId}/feedback`, getEnv().APP_URL).toString();
}

/**
 * Whether marking this enrolment now asks the member for feedback: only when it becomes attended
 * and was never asked before (a correction to no-show and back asks nothing again), and only while
 * no feedback has been given.
 */
function asksForFeedback(db: Db, enrolment: Enrolment, attendance: AttendanceStatus): boolean {
  return (
    attendance === "attended" &&
    enrolment.attendance !== "attended" &&
    enrolment.feedbackRequestedAt === null &&
    !getFeedbackForEnrolment(db, enrolment.id)
  );
}

/** What the feedback request's text depends on; a departed member gets no mail. */
function feedbackRequestBasis(
  enrolment: Enrolment,
  member: Recipient | undefined,
  found: SessionWithCourse,
): string {
  return JSON.stringify([
    enrolment.id,
    member ? [member.id, member.name, member.email] : null,
    found.course.title,
    found.session.startsAt,
    found.session.endsAt,
  ]);
}

/** Before the transaction: the feedback requests the marks may need, by enrolment id. */
async function renderFeedbackRequests(
  sessionId: number,
  marks: ReadonlyArray<{ enrolmentId: number; attendance: AttendanceStatus }>,
): Promise<Map<number, Candidate>> {
  const candidates = new Map<number, Candidate>();
  const db = getDb();
  const found = getSessionWithCourse(db, sessionId);
  if (!found) return candidates;
  await Promise.all(
    marks.map(async (mark) => {
      const enrolment = getEnrolment(db, mark.enrolmentId);
      if (!enrolment || enrolment.sessionId !== sessionId) return;
      if (!asksForFeedback(db, enrolment, mark.attendance)) return;
      const member = activeMember(db, enrolment.memberId);
      candidates.set(enrolment.id, {
        basis: feedbackRequestBasis(enrolment, member, found),
        mails: member
          ? [
              await renderFeedbackRequestMail({
                to: member.email,
                toUserId: member.id,
                name: member.name,
                courseTitle: found.course.title,
                startsAt: found.session.startsAt,
                endsAt: found.session.endsAt,
                link: feedbackLink(enrolment.id),
              }),
            ]
          : [],
      });
    }),
  );
  return candidates;
}

/**
 * After the session has started a coordinator marks confirmed participants as attended or no-show.
 * The first registration marks the session as held and, for an in-house course or knowledge
 * session with a session cost, books that cost as actual spend (refused if it does not fit).
 * Whoever is newly marked attended is asked for feedback by mail, once per enrolment.
 */
export async function registerAttendance(
  sessionId: number,
  marks: ReadonlyArray<{ enrolmentId: number; attendance: AttendanceStatus }>,
  actor: EnrolmentActor,
  address: string,
  now = new Date(),
): Promise<EnrolmentResult<{ realisedCents: number }>> {
  if (!canDecideEnrolments(actor))
    return { ok: false, message: "Alleen een coördinator kan aanwezigheid registreren." };
  if (marks.length === 0)
    return {
      ok: false,
      field: "attendance",
      message: "Kies per deelnemer aanwezig of niet verschenen.",
    };
  return renderThenWrite(
    () => renderFeedbackRequests(sessionId, marks),
    (tx, prepared) => {
      const found = getSessionWithCourse(tx, sessionId);
      if (!found) return sessionNotFound;
      if (found.session.status === "cancelled")
        return {
          ok: false as const,
          message: "Deze sessie is geannuleerd; aanwezigheid registreren kan niet.",
        };
      const byId = new Map(
        listSessionEnrolments(tx, sessionId, [
          "confirmed",
          "waitlisted",
          "requested",
          "rejected",
          "cancelled",
        ]).map((enrolment) => [enrolment.id, enrolment]),
      );
      for (const mark of marks) {
        const enrolment = byId.get(mark.enrolmentId);
        if (!enrolment)
          return { ok: false as const, message: "Deze inschrijving hoort niet bij deze sessie." };
        const verdict = checkEnrolmentTransition(
          enrolment,
          "register_attendance",
          { id: actor.id, canDecide: true },
          now,
          new Date(found.session.startsAt),
        );
        if (!verdict.ok) return { ok: false as const, message: verdict.message };
      }
      // The feedback requests, taken only when rendered from what this transaction reads.
      const requests = new Map<number, RenderedMail[]>();
      for (const mark of marks) {
        const enrolment = byId.get(mark.enrolmentId)!;
        if (requests.has(enrolment.id) || !asksForFeedback(tx, enrolment, mark.attendance))
          continue;
        const mails = take(
          prepared.get(enrolment.id),
          feedbackRequestBasis(enrolment, activeMember(tx, enrolment.memberId), found),
        );
        if (mails === STALE) return STALE;
        requests.set(enrolment.id, mails);
      }

      let realisedCents = 0;
      if (found.session.status === "planned") {
        const cost = found.session.sessionCostCents;
        if (cost > 0 && found.course.kind !== "individual") {
          const budget = getCurrentBudget(tx);
          if (!budget)
            return {
              ok: false as const,
              message: "Er is geen opleidingsbudget om de sessiekosten op te boeken.",
            };
          const fits = checkFits(getBudgetFigures(tx, budget.id).availableCents, cost);
          if (!fits.ok) return { ok: false as const, message: `De sessiekosten: ${fits.message}` };
          const expense = insertExpense(tx, {
            budgetId: budget.id,
            description: `Sessiekosten: ${found.course.title} (${found.session.startsAt.slice(0, 10)})`,
            supplier: found.course.provider,
            kind: found.course.kind,
            amountCents: cost,
            courseId: found.course.id,
            sessionId,
            requestedById: actor.id,
            status: "paid",
            significant: isSignificant(cost, budget.significanceThresholdCents),
            paidAmountCents: cost,
            paidAt: now.toISOString(),
            requestedAt: now.toISOString(),
          });
          appendLedgerEntries(tx, [{ type: "actual", amountCents: cost }], {
            budgetId: budget.id,
            expenseId: expense.id,
            reason: `Gerealiseerd na de sessie: ${expense.description}`,
            createdById: actor.id,
            at: now,
          });
          realisedCents = cost;
        }
        tx.update(courseSessions)
          .set({ status: "held", updatedAt: now.toISOString() })
          .where(eq(courseSessions.id, sessionId))
          .run();
      }
      for (const mark of marks) {
        const before = byId.get(mark.enrolmentId)!.attendance;
        if (before === mark.attendance) continue;
        const requestMails = requests.get(mark.enrolmentId) ?? [];
        // Once per enrolment, even when the same enrolment is marked twice in one go.
        requests.delete(mark.enrolmentId);
        updateEnrolment(
          tx,
          mark.enrolmentId,
          {
            attendance: mark.attendance,
            attendanceRegisteredAt: now.toISOString(),
            attendanceRegisteredById: actor.id,
            ...(requestMails.length > 0 ? { feedbackRequestedAt: now.toISOString() } : {}),
          },
          now,
        );
        for (const mail of requestMails) queueMail(tx, mail);
        audit(tx, actor, address, now, mark.enrolmentId, "enrolment_attendance", {
          sessionId,
          before: { attendance: before },
          after: { attendance: mark.attendance },
          ...(requestMails.length > 0 ? { feedbackRequested: true } : {}),
        });
      }
      if (realisedCents > 0) {
        audit(
          tx,
          actor,
          address,
          now,
          sessionId,
          "session_cost_realised",
          { amountCents: realisedCents },
          "session",
        );
      }
      return { ok: true as const, value: { realisedCents } };
    },
  );
}

// ---- A session with more seats ----

/**
 * Before a session is saved: the promotion mails its new capacity may need, rendered with the
 * session as it will be once saved at `now` (so the transaction finds the same basis).
 */
export async function renderPromotionsForSavedSession(
  sessionId: number,
  saved: {
    startsAt: Date;
    endsAt: Date;
    location: string | null;
    onlineUrl: string | null;
    capacity: number;
    enrolmentDeadline: Date;
    sessionCostCents: number;
  },
  attempt: number,
  now: Date,
): Promise<PromotionCandidates> {
  const db = getDb();
  const found = getSessionWithCourse(db, sessionId);
  if (!found) return new Map();
  const counts = seatCounts(db, sessionId);
  const free = Math.max(0, saved.capacity - counts.confirmed - counts.requested);
  const session = {
    ...found.session,
    ...saved,
    startsAt: saved.startsAt.toISOString(),
    endsAt: saved.endsAt.toISOString(),
    enrolmentDeadline: saved.enrolmentDeadline.toISOString(),
    updatedAt: now.toISOString(),
  };
  return renderPromotions(db, { ...found, session }, free, attempt, now);
}

/**
 * Inside the transaction that saved the session: gives seats that a higher capacity freed to the
 * waitlist, or STALE when a promoted member's mail was not rendered beforehand.
 */
export function promoteIntoFreeSeats(
  tx: Db,
  sessionId: number,
  candidates: PromotionCandidates,
  actor: { id: number },
  address: string,
  now: Date,
): number[] | Stale {
  const found = getSessionWithCourse(tx, sessionId);
  if (!found) return [];
  const plan = planPromotions(tx, found, candidates, 0);
  if (plan === STALE) return STALE;
  return applyPromotions(tx, found, plan, actor, address, now);
}

// ---- A cancelled session ----

export type SessionCancellationMails = { basis: string; mails: RenderedMail[] };

function sessionCancellationBasis(
  active: readonly Enrolment[],
  found: SessionWithCourse,
  reason: string,
) {
  return JSON.stringify([
    active.map((enrolment) => [enrolment.id, enrolment.memberId]),
    reason,
    ...sessionBasis(found),
  ]);
}

/** The mails (with a calendar cancellation) for everyone enrolled, requested or waiting. */
export async function renderSessionCancellation(
  sessionId: number,
  reason: string,
  now: Date,
): Promise<SessionCancellationMails | null> {
  const db = getDb();
  const found = getSessionWithCourse(db, sessionId);
  if (!found) return null;
  const active = listSessionEnrolments(db, sessionId, ["confirmed", "requested", "waitlisted"]);
  const mails = await Promise.all(
    active.flatMap((enrolment) => {
      const member = activeMember(db, enrolment.memberId);
      if (!member) return [];
      return [
        renderEnrolmentCancelledMail({
          to: member.email,
          toUserId: member.id,
          name: member.name,
          ...sessionMailProps(found),
          cause: "session_cancelled",
          reason,
          attachments: [invitation(enrolment.id, found, "CANCEL", now, member)],
        }),
      ];
    }),
  );
  return { basis: sessionCancellationBasis(active, found, reason), mails };
}

/**
 * Inside the session's cancellation transaction: cancels every active enrolment, releases paid
 * enrolments' money and queues the mails, or STALE when the enrolments changed since rendering.
 */
export function cancelEnrolmentsOfSession(
  tx: Db,
  sessionId: number,
  reason: string,
  prepared: SessionCancellationMails | null,
  actor: { id: number },
  address: string,
  now: Date,
): { cancelled: number } | Stale {
  const found = getSessionWithCourse(tx, sessionId);
  if (!found) return { cancelled: 0 };
  const active = listSessionEnrolments(tx, sessionId, ["confirmed", "requested", "waitlisted"]);
  const mails = take(prepared, sessionCancellationBasis(active, found, reason));
  if (mails === STALE) return STALE;
  for (const enrolment of active) {
    const releasedCents = cancelOne(tx, enrolment, actor, `sessie geannuleerd: ${reason}`, now);
    audit(tx, actor, address, now, enrolment.id, "enrolment_cancelled", {
      sessionId,
      cause: "session_cancelled",
      before: { status: enrolment.status },
      after: { status: "cancelled", releasedCents },
    });
  }
  for (const mail of mails) queueMail(tx, mail);
  return { cancelled: active.length };
}
