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
    if (tag.length < TAG_MIN)
      return { ok: false, message: `Een expertise is minstens ${TAG_MIN} tekens: „${tag}”.` };
    if (tag.length > TAG_MAX)
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
