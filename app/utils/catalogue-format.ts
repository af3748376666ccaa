// Dutch wording for catalogue figures: session dates and times (Europe/Amsterdam), seats, costs.
// Loaders call these so that the server decides the text and the browser never reformats it.
import { formatEuro } from "#app/domain/money.ts";
import { TIME_ZONE } from "#app/domain/time.ts";

const longDate = new Intl.DateTimeFormat("nl-NL", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: TIME_ZONE,
});

const shortDate = new Intl.DateTimeFormat("nl-NL", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: TIME_ZONE,
});

const clock = new Intl.DateTimeFormat("nl-NL", {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: TIME_ZONE,
});

/** "dinsdag 3 maart 2026" */
export function formatSessionDate(iso: string): string {
  return longDate.format(new Date(iso));
}

/** "09:00–16:30 uur" */
export function formatTimeRange(startIso: string, endIso: string): string {
  return `${clock.format(new Date(startIso))}–${clock.format(new Date(endIso))} uur`;
}

/** "dinsdag 3 maart 2026, 09:00–16:30 uur" */
export function formatSessionWhen(startIso: string, endIso: string): string {
  return `${formatSessionDate(startIso)}, ${formatTimeRange(startIso, endIso)}`;
}

/** "3 maart 2026, 09:00 uur" */
export function formatMoment(iso: string): string {
  const date = new Date(iso);
  return `${shortDate.format(date)}, ${clock.format(date)} uur`;
}

export function formatSeatsLeft(seatsLeft: number): string {
  if (seatsLeft <= 0) return "Vol";
  return seatsLeft === 1 ? "Nog 1 plaats" : `Nog ${seatsLeft} plaatsen`;
}

export function formatCostPerParticipant(cents: number): string {
  return cents === 0 ? "Gratis" : formatEuro(cents);
}

const hoursFormat = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 2 });

export function formatDurationHours(hours: number): string {
  return `${hoursFormat.format(hours)} uur`;
}

export function formatResultCount(count: number): string {
  if (count === 0) return "Geen activiteiten gevonden";
  return count === 1 ? "1 activiteit gevonden" : `${count} activiteiten gevonden`;
}
