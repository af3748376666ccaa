// Login session lifetime: 30 minutes idle with sliding renewal, never longer than 12 hours in all.

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** Renew once less than half the idle window is left, so not every request writes. */
export const RENEW_THRESHOLD_MS = IDLE_TIMEOUT_MS / 2;

export type SessionTimes = { expiresAt: Date; absoluteExpiresAt: Date };

export function newSessionTimes(now: Date): SessionTimes {
  return {
    expiresAt: new Date(now.getTime() + IDLE_TIMEOUT_MS),
    absoluteExpiresAt: new Date(now.getTime() + ABSOLUTE_LIFETIME_MS),
  };
}

export type SessionVerdict = { valid: false } | { valid: true; renewTo: Date | null };

export function judgeSession(session: SessionTimes, now: Date): SessionVerdict {
  const t = now.getTime();
  if (t >= session.expiresAt.getTime() || t >= session.absoluteExpiresAt.getTime()) {
    return { valid: false };
  }
  if (session.expiresAt.getTime() - t >= RENEW_THRESHOLD_MS) return { valid: true, renewTo: null };
  const renewed = Math.min(t + IDLE_TIMEOUT_MS, session.absoluteExpiresAt.getTime());
  return { valid: true, renewTo: renewed > session.expiresAt.getTime() ? new Date(renewed) : null };
}
