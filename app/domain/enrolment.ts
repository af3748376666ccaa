// Enrolment rules: whether an enrolment is confirmed, waitlisted, requested or refused; the
// waitlist order and promotion; the enrolment state machine (cancel, approve, reject, attendance)
// with four eyes; and who may give feedback. No I/O here: dates and counts are passed in.
//
// Seats: a pending paid request holds a seat, so approving it can never overbook the session.
// A seat is taken by every confirmed and every requested enrolment. When no seat is left, a paid
// enrolment goes to the waitlist like a free one; when it is promoted it becomes a request again
// (it still needs a coordinator's approval), see `statusOnPromotion`.
import type { AttendanceStatus, EnrolmentStatus, SessionStatus } from "#db/schema.ts";
import { openForEnrolment, seatsLeft, closedReasonLabels } from "#app/domain/catalogue.ts";

export const enrolmentStatusLabels: Record<EnrolmentStatus, string> = {
  confirmed: "Ingeschreven",
  waitlisted: "Op de wachtlijst",
  requested: "Aangevraagd (wacht op goedkeuring)",
  rejected: "Afgewezen",
  cancelled: "Afgemeld",
};

export const attendanceStatusLabels: Record<AttendanceStatus, string> = {
  attended: "Aanwezig",
  no_show: "Niet verschenen",
};

/** The statuses that count as "the member is enrolled" (one per member per session). */
export const activeEnrolmentStatuses: readonly EnrolmentStatus[] = [
  "confirmed",
  "waitlisted",
  "requested",
];

/** The statuses that take one of the session's seats. */
export const seatHoldingStatuses: readonly ("confirmed" | "requested")[] = [
  "confirmed",
  "requested",
];

export function isActiveEnrolment(status: EnrolmentStatus): boolean {
  return activeEnrolmentStatuses.includes(status);
}

export type { AttendanceStatus, EnrolmentStatus };

// ---- Deciding a new enrolment ----

export type EnrolmentRequest = {
  session: {
    status: SessionStatus;
    startsAt: Date;
    enrolmentDeadline: Date;
    capacity: number;
  };
  /** 0 for a free session; above 0 the enrolment needs a coordinator's approval. */
  costPerParticipantCents: number;
  confirmedCount: number;
  /** Paid requests not yet decided; each holds a seat. */
  requestedCount?: number;
  /** The member's current enrolment for this session, if any (rejected/cancelled do not count). */
  memberHasActiveEnrolment: null | EnrolmentStatus;
  now: Date;
};

export type ClosedReason = Exclude<ReturnType<typeof openForEnrolment>, { open: true }>["reason"];

export type EnrolmentRefusalReason =
  ClosedReason | "already_enrolled" | "already_waitlisted" | "already_requested";

export type EnrolmentDecision =
  | { kind: "confirm" }
  | { kind: "waitlist" }
  | { kind: "request" }
  | { kind: "refuse"; reason: EnrolmentRefusalReason; message: string };

const alreadyActive: Record<
  "confirmed" | "waitlisted" | "requested",
  { reason: EnrolmentRefusalReason; message: string }
> = {
  confirmed: {
    reason: "already_enrolled",
    message: "U bent al ingeschreven voor deze sessie.",
  },
  waitlisted: {
    reason: "already_waitlisted",
    message: "U staat al op de wachtlijst voor deze sessie.",
  },
  requested: {
    reason: "already_requested",
    message: "U heeft zich al aangemeld voor deze sessie; uw aanvraag wacht op goedkeuring.",
  },
};

/** Seats still free when confirmed and requested enrolments both hold one. */
export function seatsFree(capacity: number, confirmedCount: number, requestedCount = 0): number {
  return seatsLeft(capacity, confirmedCount + requestedCount);
}

/**
 * What happens when a member enrols now. A closed session (cancelled, held, started, past the
 * deadline) is refused first; then a second active enrolment; then seats decide: a free seat
 * confirms a free session and makes a request for a paid one, no seat means the waitlist.
 */
export function decideEnrolment(input: EnrolmentRequest): EnrolmentDecision {
  const window = openForEnrolment(input.session, input.now);
  if (!window.open) {
    return { kind: "refuse", reason: window.reason, message: closedReasonLabels[window.reason] };
  }
  const current = input.memberHasActiveEnrolment;
  if (current === "confirmed" || current === "waitlisted" || current === "requested") {
    return { kind: "refuse", ...alreadyActive[current] };
  }
  const free = seatsFree(input.session.capacity, input.confirmedCount, input.requestedCount ?? 0);
  if (free === 0) return { kind: "waitlist" };
  return input.costPerParticipantCents > 0 ? { kind: "request" } : { kind: "confirm" };
}

// ---- The waitlist ----

export type WaitlistEntry = { id: number; enrolledAt: Date };

/** First come, first served: oldest enrolment first, ties broken by the lower id. */
export function waitlistOrder<T extends WaitlistEntry>(entries: readonly T[]): T[] {
  return [...entries].sort(
    (a, b) => a.enrolledAt.getTime() - b.enrolledAt.getTime() || a.id - b.id,
  );
}

/** 1-based place on the waitlist; null when the id is not on it. */
export function waitlistPosition(entries: readonly WaitlistEntry[], id: number): number | null {
  const index = waitlistOrder(entries).findIndex((entry) => entry.id === id);
  return index === -1 ? null : index + 1;
}

export type PromotionInput = {
  capacity: number;
  confirmedCount: number;
  /** Paid requests not yet decided; each holds a seat. */
  requestedCount?: number;
  waitlist: readonly (WaitlistEntry & { needsApproval: boolean })[];
};

/**
 * The waitlisted ids that get a seat now, in order: as many as there are free seats, oldest
 * first. Each promoted entry takes a seat whether it needs approval or not (see the top).
 */
export function promoteFromWaitlist(input: PromotionInput): number[] {
  const free = seatsFree(input.capacity, input.confirmedCount, input.requestedCount ?? 0);
  return waitlistOrder(input.waitlist)
    .slice(0, free)
    .map((entry) => entry.id);
}

/** A promoted entry is confirmed, unless it is paid: then it becomes a request to approve. */
export function statusOnPromotion(needsApproval: boolean): "confirmed" | "requested" {
  return needsApproval ? "requested" : "confirmed";
}

// ---- The enrolment state machine ----

export type EnrolmentAction = "cancel" | "approve" | "reject" | "register_attendance";

export type EnrolmentRefusalCode =
  | "not_allowed"
  | "not_allowed_in_state"
  | "own_request"
  | "session_started"
  | "session_not_started";

export type EnrolmentRefusal = { ok: false; code: EnrolmentRefusalCode; message: string };
export type EnrolmentVerdict = { ok: true } | EnrolmentRefusal;

export type EnrolmentActor = { id: number; canDecide: boolean };

/** Which status each action needs before it may happen. */
export const enrolmentAllowedFrom: Record<EnrolmentAction, readonly EnrolmentStatus[]> = {
  cancel: ["confirmed", "waitlisted", "requested"],
  approve: ["requested"],
  reject: ["requested"],
  register_attendance: ["confirmed"],
};

export const enrolmentNextStatus: Record<
  Exclude<EnrolmentAction, "register_attendance">,
  EnrolmentStatus
> = {
  cancel: "cancelled",
  approve: "confirmed",
  reject: "rejected",
};

const stateMessages: Record<EnrolmentAction, Partial<Record<EnrolmentStatus, string>>> = {
  cancel: {
    rejected: "Deze aanmelding is al afgewezen; afmelden is niet nodig.",
    cancelled: "Deze inschrijving is al afgemeld.",
  },
  approve: {
    confirmed: "Deze inschrijving is al goedgekeurd.",
    waitlisted: "Deze inschrijving staat op de wachtlijst; er valt nog niets goed te keuren.",
    rejected: "Deze aanvraag is al afgewezen.",
    cancelled: "Deze inschrijving is afgemeld.",
  },
  reject: {
    confirmed: "Deze inschrijving is al goedgekeurd; afwijzen kan niet meer.",
    waitlisted: "Deze inschrijving staat op de wachtlijst; er valt nog niets af te wijzen.",
    rejected: "Deze aanvraag is al afgewezen.",
    cancelled: "Deze inschrijving is afgemeld.",
  },
  register_attendance: {
    waitlisted:
      "Aanwezigheid geldt alleen voor bevestigde inschrijvingen, niet voor de wachtlijst.",
    requested: "Deze aanvraag is nooit goedgekeurd; aanwezigheid registreren kan niet.",
    rejected: "Deze aanvraag is afgewezen; aanwezigheid registreren kan niet.",
    cancelled: "Deze inschrijving is afgemeld; aanwezigheid registreren kan niet.",
  },
};

function refuse(code: EnrolmentRefusalCode, message: string): EnrolmentRefusal {
  return { ok: false, code, message };
}

/**
 * May `actor` take `action` on the enrolment now? Who first (a member only cancels their own;
 * deciding and attendance are for coordinators), then the state, then four eyes and time.
 * Cancelling is no longer possible once the session has started: from then on a confirmed
 * enrolment is settled by registering attendance (a no-show), and a freed seat is of no use.
 */
export function checkEnrolmentTransition(
  enrolment: { status: EnrolmentStatus; memberId: number },
  action: EnrolmentAction,
  actor: EnrolmentActor,
  now: Date,
  sessionStartsAt: Date,
): EnrolmentVerdict {
  const own = enrolment.memberId === actor.id;
  const started = now.getTime() >= sessionStartsAt.getTime();

  if (action === "cancel" && !own && !actor.canDecide) {
    return refuse("not_allowed", "U kunt alleen uw eigen inschrijving afmelden.");
  }
  if (action !== "cancel" && !actor.canDecide) {
    return refuse(
      "not_allowed",
      action === "register_attendance"
        ? "Alleen een coördinator kan aanwezigheid registreren."
        : "Alleen een coördinator kan een aanvraag beoordelen.",
    );
  }
  if (!enrolmentAllowedFrom[action].includes(enrolment.status)) {
    return refuse(
      "not_allowed_in_state",
      stateMessages[action][enrolment.status] ?? "Dit kan niet in de huidige status.",
    );
  }
  if ((action === "approve" || action === "reject") && own) {
    return refuse(
      "own_request",
      action === "approve"
        ? "U kunt uw eigen aanvraag niet goedkeuren; een andere coördinator moet dat doen."
        : "U kunt uw eigen aanvraag niet afwijzen; trek hem in met afmelden.",
    );
  }
  if (action === "cancel" && started) {
    return refuse("session_started", "Deze sessie is al begonnen; afmelden kan niet meer.");
  }
  if (action === "register_attendance" && !started) {
    return refuse(
      "session_not_started",
      "Aanwezigheid registreren kan pas als de sessie begonnen is.",
    );
  }
  return { ok: true };
}

/** Whether the enrolment can still be cancelled now, by its member (the same check as above). */
export function mayStillCancel(status: EnrolmentStatus, sessionStartsAt: Date, now: Date): boolean {
  const member = { id: 0, canDecide: false };
  return checkEnrolmentTransition({ status, memberId: 0 }, "cancel", member, now, sessionStartsAt)
    .ok;
}

// ---- Feedback ----

/** Only a confirmed enrolment that was marked attended may give feedback. */
export function mayGiveFeedback(enrolment: {
  status: EnrolmentStatus;
  attendance: AttendanceStatus | null;
}): boolean {
  return enrolment.status === "confirmed" && enrolment.attendance === "attended";
}
