// The profile forms' hints and dates as the pages show them, kept free of zod so that a page can
// show them without loading the schemas in the browser (ADR 011).
import {
  INTRODUCTION_MAX,
  TAG_MAX,
  TAG_MIN,
  TAGS_MAX,
  type CalendarDate,
} from "#app/domain/profile.ts";

const dutchNumber = new Intl.NumberFormat("nl-NL");
const dutchDate = new Intl.DateTimeFormat("nl-NL", { dateStyle: "long", timeZone: "UTC" });

/** "2026-03-12" as "12 maart 2026". A calendar date has no time zone, so it is read as UTC. */
export function formatCalendarDate(date: CalendarDate): string {
  return dutchDate.format(new Date(`${date}T00:00:00Z`));
}

export const introductionHint = `Vertel collega’s kort wie u bent, waaraan u werkt en waarvoor ze u kunnen vragen. Hoogstens ${dutchNumber.format(INTRODUCTION_MAX)} tekens.`;

export const expertiseHint = `Scheid expertises met komma’s, bijvoorbeeld: omgevingswet, stakeholderanalyse, procesbegeleiding. Hoogstens ${TAGS_MAX} expertises van ${TAG_MIN} tot ${TAG_MAX} tekens.`;
