// Times are stored in UTC and typed and shown in the municipality's zone, Europe/Amsterdam.

export const TIME_ZONE = "Europe/Amsterdam";

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function zoneParts(ms: number) {
  const parts = Object.fromEntries(
    partsFormat.formatToParts(new Date(ms)).map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function offsetAt(ms: number): number {
  const p = zoneParts(ms);
  return (
    Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000
  );
}

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** "2026-12-01T09:30" in Amsterdam → the UTC instant; null when not a real date and time. */
export function amsterdamLocalToUtc(local: string): Date | null {
  const match = localPattern.exec(local.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(asUtc);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  let utc = asUtc - offsetAt(asUtc);
  const second = offsetAt(utc);
  if (asUtc - second !== utc) utc = asUtc - second;
  return new Date(utc);
}

/** The UTC instant as the value of an `<input type="datetime-local">` in Amsterdam time. */
export function utcToAmsterdamLocal(date: Date | string): string {
  const p = zoneParts(new Date(date).getTime());
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}
