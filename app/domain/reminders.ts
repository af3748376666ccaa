// When a session's reminder is due: from midnight (Amsterdam) of the day before until it starts.
import type { SessionStatus } from "#db/schema.ts";
import { amsterdamLocalToUtc, utcToAmsterdamLocal } from "#app/domain/time.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * 00:00 Amsterdam time on the calendar day before the session's Amsterdam date. Counted in
 * calendar days, not 24 hours, so a DST change in between does not move it off midnight.
 */
export function reminderWindowStart(startsAt: Date): Date {
  const [year, month, day] = utcToAmsterdamLocal(startsAt).slice(0, 10).split("-").map(Number) as [
    number,
    number,
    number,
  ];
  // Date arithmetic in UTC only to step back one calendar day; no time zone is involved.
  const dayBefore = new Date(Date.UTC(year, month - 1, day) - DAY_MS).toISOString().slice(0, 10);
  const start = amsterdamLocalToUtc(`${dayBefore}T00:00`);
  // Midnight always exists in Amsterdam (clocks change at 02:00 and 03:00).
  if (!start) throw new Error(`Geen middernacht op ${dayBefore} in Amsterdam`);
  return start;
}

/** True while a reminder for the session may go out; only planned sessions get one. */
export function reminderDue(
  session: { startsAt: Date; status: SessionStatus },
  now: Date,
): boolean {
  if (session.status !== "planned") return false;
  const nowMs = now.getTime();
  return (
    nowMs >= reminderWindowStart(session.startsAt).getTime() && nowMs < session.startsAt.getTime()
  );
}
