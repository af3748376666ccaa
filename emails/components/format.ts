// Dutch wording for dates and durations in e-mail. Mail is read in Huizen, so Dutch time applies
// whatever time zone the server runs in.

const dateTimeFormat = new Intl.DateTimeFormat("nl-NL", {
  timeZone: "Europe/Amsterdam",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** E.g. "vrijdag 14 maart 2025 om 16:30". */
export function formatDutchDateTime(date: Date): string {
  return dateTimeFormat.format(date);
}

const units = [
  { ms: 24 * 60 * 60 * 1000, one: "dag", many: "dagen" },
  { ms: 60 * 60 * 1000, one: "uur", many: "uur" },
  { ms: 60 * 1000, one: "minuut", many: "minuten" },
] as const;

/** E.g. "7 dagen", "1 uur"; uses the largest unit that divides the duration. */
export function formatDutchDuration(ms: number): string {
  for (const unit of units) {
    if (ms >= unit.ms && ms % unit.ms === 0) {
      const count = ms / unit.ms;
      return `${count} ${count === 1 ? unit.one : unit.many}`;
    }
  }
  const minutes = Math.max(1, Math.round(ms / units[2].ms));
  return `${minutes} ${minutes === 1 ? units[2].one : units[2].many}`;
}

const dayFormat = new Intl.DateTimeFormat("nl-NL", {
  timeZone: "Europe/Amsterdam",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});

const timeFormat = new Intl.DateTimeFormat("nl-NL", {
  timeZone: "Europe/Amsterdam",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/**
 * A session's date and times, e.g. "dinsdag 8 december 2026, 13:30–16:00 uur"; a session that
 * runs past midnight gets both moments in full. Takes the ISO strings as stored.
 */
export function formatDutchSessionTime(startsAt: string, endsAt: string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const startDay = dayFormat.format(start);
  const endDay = dayFormat.format(end);
  if (startDay === endDay) {
    return `${startDay}, ${timeFormat.format(start)}–${timeFormat.format(end)} uur`;
  }
  return `${startDay}, ${timeFormat.format(start)} uur tot ${endDay}, ${timeFormat.format(end)} uur`;
}
