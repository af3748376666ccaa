// Form schemas for the member's own profile and for registering guild membership, shared by the
// routes and the browser. The limits and rules themselves live in app/domain/profile.ts.
import { z } from "zod";
import {
  INTRODUCTION_MAX,
  MEMBERSHIP_EARLIEST,
  TEAM_MAX,
  latestMembershipDate,
  membershipDateProblem,
  membershipProblem,
  membershipStanding,
  membershipStandingLabels,
  parseExpertiseTags,
  type CalendarDate,
  type MembershipDateProblem,
} from "#app/domain/profile.ts";
import { ogwRoles } from "#app/domain/roles.ts";
import { expertiseHint, formatCalendarDate, introductionHint } from "./profile-format.ts";

export { expertiseHint, formatCalendarDate, introductionHint };

const dutchNumber = new Intl.NumberFormat("nl-NL");

/** Browsers send line breaks in a textarea as CRLF; count and store them as one character. */
function normaliseNewlines(value: string): string {
  return value.replace(/\r\n?/g, "\n");
}

/** Optional free text: trimmed, empty becomes null. What is typed is kept as is, markup included. */
function optionalText(max: number, tooLong: (length: number) => string, notText: string) {
  // An empty field reaches the schema as undefined (conform strips empty strings).
  return z
    .string({ error: notText })
    .optional()
    .transform((value, ctx) => {
      const text = normaliseNewlines(value ?? "").trim();
      if (text.length > max) {
        ctx.addIssue({ code: "custom", message: tooLong(text.length) });
        return z.NEVER;
      }
      return text === "" ? null : text;
    });
}

/** What the member types about themselves. No user id: the profile is always the signed-in user's. */
export const profileSchema = z.object({
  team: optionalText(
    TEAM_MAX,
    () => `Een teamnaam is hoogstens ${dutchNumber.format(TEAM_MAX)} tekens.`,
    "Vul uw team in als tekst.",
  ),
  expertise: z
    .string({ error: "Vul uw expertises in als tekst, gescheiden door komma’s." })
    .optional()
    .transform((value, ctx) => {
      const result = parseExpertiseTags(normaliseNewlines(value ?? ""));
      if (!result.ok) {
        ctx.addIssue({ code: "custom", message: result.message });
        return z.NEVER;
      }
      return result.tags;
    }),
  introduction: optionalText(
    INTRODUCTION_MAX,
    (length) =>
      `Een introductie is hoogstens ${dutchNumber.format(INTRODUCTION_MAX)} tekens; deze telt er ${dutchNumber.format(length)}.`,
    "Vul uw introductie in als tekst.",
  ),
  ogwRole: z.enum(ogwRoles, { error: "Kies een OGW-rol uit de lijst." }),
});

export type ProfileFormValue = z.output<typeof profileSchema>;

export const joinedOnRequiredMessage = "Vul de datum in waarop het lidmaatschap begon.";

export function membershipDateMessage(problem: MembershipDateProblem, today: CalendarDate): string {
  switch (problem) {
    case "invalid":
      return "Vul een bestaande datum in, bijvoorbeeld 2026-03-12.";
    case "too_early":
      return `Vul een datum vanaf ${formatCalendarDate(MEMBERSHIP_EARLIEST)} in.`;
    case "too_late":
      return `Een datum ligt hoogstens een jaar vooruit: uiterlijk ${formatCalendarDate(latestMembershipDate(today))}.`;
  }
}

function membershipDateField(today: CalendarDate) {
  return z
    .string({ error: membershipDateMessage("invalid", today) })
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return null;
      const date = value.trim();
      const problem = membershipDateProblem(date, today);
      if (problem) {
        ctx.addIssue({ code: "custom", message: membershipDateMessage(problem, today) });
        return z.NEVER;
      }
      return date;
    });
}

/** `today` comes from the server, so the browser and the server judge "a year ahead" alike. */
export function membershipSchema(today: CalendarDate) {
  return z
    .object({ joinedOn: membershipDateField(today), leftOn: membershipDateField(today) })
    .transform((value, ctx) => {
      const problem = membershipProblem(value.joinedOn, value.leftOn);
      if (problem) {
        ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
        return z.NEVER;
      }
      if (value.joinedOn === null) {
        ctx.addIssue({ code: "custom", path: ["joinedOn"], message: joinedOnRequiredMessage });
        return z.NEVER;
      }
      return { joinedOn: value.joinedOn, leftOn: value.leftOn };
    });
}

export type MembershipFormValue = z.output<ReturnType<typeof membershipSchema>>;

/** One line on someone's guild membership today, e.g. "Lid sinds 12 maart 2024". */
export function describeMembership(
  joinedOn: CalendarDate | null,
  leftOn: CalendarDate | null,
  today: CalendarDate,
): string {
  const standing = membershipStanding(joinedOn, leftOn, today);
  const label = membershipStandingLabels[standing];
  switch (standing) {
    case "former":
      return `${label}, vertrokken op ${formatCalendarDate(leftOn!)}`;
    case "future":
      return `${label} op ${formatCalendarDate(joinedOn!)}`;
    case "member":
      return leftOn
        ? `${label} sinds ${formatCalendarDate(joinedOn!)}, vertrekt op ${formatCalendarDate(leftOn)}`
        : `${label} sinds ${formatCalendarDate(joinedOn!)}`;
    case "none":
      return label;
  }
}
