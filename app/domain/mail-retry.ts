// When the outbox tries a message again after a failed delivery, and when it gives up.

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;

/** Waits after the 1st, 2nd, … failed attempt: short at first for hiccups, long later for outages. */
export const MAIL_RETRY_DELAYS_MS = [
  1 * MINUTE_MS,
  5 * MINUTE_MS,
  30 * MINUTE_MS,
  2 * HOUR_MS,
  12 * HOUR_MS,
] as const;

/** One first try plus one per retry delay; after that the message is marked failed. */
export const MAX_MAIL_ATTEMPTS = MAIL_RETRY_DELAYS_MS.length + 1;

export type MailRetryDecision = { kind: "retry"; at: Date } | { kind: "give_up" };

/** `attemptsMade` counts the attempt that just failed. */
export function nextMailAttempt(attemptsMade: number, failedAt: Date): MailRetryDecision {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 1) {
    throw new RangeError(`attemptsMade must be a positive integer, got ${attemptsMade}`);
  }
  const delay = MAIL_RETRY_DELAYS_MS[attemptsMade - 1];
  if (delay === undefined) return { kind: "give_up" };
  return { kind: "retry", at: new Date(failedAt.getTime() + delay) };
}
