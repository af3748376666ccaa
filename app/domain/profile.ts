// Profile and membership rules: the limits of the profile fields, expertise tags from what a member
// types, guild membership dates and who counts as a former member. No I/O here.

export const TEAM_MAX = 100;
export const INTRODUCTION_MAX = 2_000;
export const TAG_MIN = 2;
export const TAG_MAX = 40;
export const TAGS_MAX = 12;

export type TagsResult = { ok: true; tags: string[] } | { ok: false; message: string };

/**
 * Expertise as typed: separated by commas, semicolons or new lines; spaces tidied; the same tag
 * twice (whatever its capitals) kept once, in the first spelling. Tags keep their capitals.
 */
export function parseExpertiseTags(input: string): TagsResult {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of input.split(/[,;\n\r]+/)) {
    const tag = raw.replace(/\s+/g, " ").trim();
    if (tag === "") continue;
    // Characters as a person (and the database's CHECK) counts them: "𐗳" is one, not two.
    const characters = [...tag].length;
    if (characters < TAG_MIN)
      return { ok: false, message: `Een expertise is minstens ${TAG_MIN} tekens: „${tag}”.` };
    if (characters > TAG_MAX)
      return {
        ok: false,
        message: `Een expertise is hoogstens ${TAG_MAX} tekens: „${tag.slice(0, TAG_MAX)}…”.`,
      };
    const key = tag.toLocaleLowerCase("nl-NL");
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  if (tags.length > TAGS_MAX)
    return { ok: false, message: `Geef hoogstens ${TAGS_MAX} expertises op.` };
  return { ok: true, tags };
}

/** Calendar dates as YYYY-MM-DD; they compare as strings. */
export type CalendarDate = string;

export type MembershipProblem = { field: "joinedOn" | "leftOn"; message: string } | null;

/** A leave date needs a join date on or before it. */
export function membershipProblem(
  joinedOn: CalendarDate | null,
  leftOn: CalendarDate | null,
): MembershipProblem {
  if (leftOn !== null && joinedOn === null)
    return { field: "joinedOn", message: "Vul eerst de datum in waarop het lidmaatschap begon." };
  if (leftOn !== null && joinedOn !== null && leftOn < joinedOn)
    return {
      field: "leftOn",
      message: "De datum van vertrek kan niet vóór de datum van aanmelding liggen.",
    };
  return null;
}

export type MembershipStanding = "member" | "former" | "future" | "none";

/**
 * Where someone stands in the guild today: a member from the join date, a former member from the
 * leave date on; "future" before a join date; "none" without one.
 */
export function membershipStanding(
  joinedOn: CalendarDate | null,
  leftOn: CalendarDate | null,
  today: CalendarDate,
): MembershipStanding {
  if (leftOn !== null && leftOn <= today) return "former";
  if (joinedOn === null) return "none";
  return joinedOn <= today ? "member" : "future";
}

export const membershipStandingLabels: Record<MembershipStanding, string> = {
  member: "Lid",
  former: "Oud-lid",
  future: "Wordt lid",
  none: "Geen lid geregistreerd",
};

/** The profile fields a member edits; names as the audit log records them. */
export type ProfileFields = {
  team: string | null;
  introduction: string | null;
  ogwRole: string;
  expertise: readonly string[];
};
export type ProfileField = keyof ProfileFields;

const profileFieldOrder: readonly ProfileField[] = ["team", "expertise", "introduction", "ogwRole"];

/** Which fields a save changes. Reordering the tags counts: the profile shows them as typed. */
export function changedProfileFields(before: ProfileFields, after: ProfileFields): ProfileField[] {
  return profileFieldOrder.filter((field) => {
    if (field === "expertise") {
      return (
        before.expertise.length !== after.expertise.length ||
        before.expertise.some((tag, index) => tag !== after.expertise[index])
      );
    }
    return before[field] !== after[field];
  });
}

// The guild started in 2023; earlier dates can only be typing errors, but leave room for
// colleagues who did opgave work before the guild had a name.
export const MEMBERSHIP_EARLIEST: CalendarDate = "2000-01-01";

const calendarDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a date that exists, written YYYY-MM-DD: "2026-02-30" and "2026-2-3" are not. */
export function isCalendarDate(value: string): boolean {
  const match = calendarDatePattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** The same day some years later; 29 February becomes 28 February in a common year. */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const target = year + years;
  const lastDay = new Date(Date.UTC(target, month, 0)).getUTCDate();
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(target, 4)}-${pad(month)}-${pad(Math.min(day, lastDay))}`;
}

/** A join or leave date can be planned, but not more than a year ahead. */
export function latestMembershipDate(today: CalendarDate): CalendarDate {
  return addYears(today, 1);
}

export type MembershipDateProblem = "invalid" | "too_early" | "too_late";

/** What is wrong with one typed membership date, if anything. */
export function membershipDateProblem(
  value: string,
  today: CalendarDate,
): MembershipDateProblem | null {
  if (!isCalendarDate(value)) return "invalid";
  if (value < MEMBERSHIP_EARLIEST) return "too_early";
  if (value > latestMembershipDate(today)) return "too_late";
  return null;
}

/**
 * Membership can be registered for someone who has an account in use or had one: not for an
 * invitation nobody accepted, nor for an anonymised former member (there is no one left to register).
 */
export function canRegisterMembership(user: {
  status: "invited" | "active" | "deactivated";
  anonymisedAt: string | null;
}): boolean {
  return user.status !== "invited" && user.anonymisedAt === null;
}
