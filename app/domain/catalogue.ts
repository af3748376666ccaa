// Catalogue rules: seats, whether a session takes enrolments, and what makes a session valid.
import type { SessionStatus } from "#db/schema.ts";

export function seatsLeft(capacity: number, confirmedCount: number): number {
  return Math.max(0, capacity - confirmedCount);
}

export type EnrolmentWindow = {
  status: SessionStatus;
  startsAt: Date;
  enrolmentDeadline: Date;
};

export type OpenVerdict =
  { open: true } | { open: false; reason: "cancelled" | "held" | "deadline_passed" | "started" };

/** Open while planned, before the deadline and before the start (the deadline itself is the last moment). */
export function openForEnrolment(session: EnrolmentWindow, now: Date): OpenVerdict {
  if (session.status === "cancelled") return { open: false, reason: "cancelled" };
  if (session.status === "held") return { open: false, reason: "held" };
  if (now.getTime() >= session.startsAt.getTime()) return { open: false, reason: "started" };
  if (now.getTime() > session.enrolmentDeadline.getTime())
    return { open: false, reason: "deadline_passed" };
  return { open: true };
}

export const closedReasonLabels: Record<Exclude<OpenVerdict, { open: true }>["reason"], string> = {
  cancelled: "Deze sessie is geannuleerd.",
  held: "Deze sessie heeft al plaatsgevonden.",
  started: "Deze sessie is al begonnen.",
  deadline_passed: "De inschrijving voor deze sessie is gesloten.",
};

export type SessionInput = {
  startsAt: Date;
  endsAt: Date;
  enrolmentDeadline: Date;
  capacity: number;
  sessionCostCents: number;
};

export type SessionField = keyof SessionInput;

/** Field → Dutch message for every rule the input breaks; empty when valid. */
export function validateSession(input: SessionInput): Partial<Record<SessionField, string>> {
  const errors: Partial<Record<SessionField, string>> = {};
  if (input.endsAt.getTime() <= input.startsAt.getTime()) {
    errors.endsAt = "Het einde moet na het begin liggen.";
  }
  if (input.enrolmentDeadline.getTime() > input.startsAt.getTime()) {
    errors.enrolmentDeadline = "De inschrijfdeadline mag niet na het begin van de sessie liggen.";
  }
  if (!Number.isInteger(input.capacity) || input.capacity < 1) {
    errors.capacity = "Het aantal plaatsen is minstens 1.";
  }
  if (!Number.isInteger(input.sessionCostCents) || input.sessionCostCents < 0) {
    errors.sessionCostCents = "De kosten kunnen niet negatief zijn.";
  }
  return errors;
}
