// Form schemas for maintaining the catalogue, shared by the routes that create and edit, and run
// both in the browser and on the server. The rules themselves come from app/domain.
import { z } from "zod";
import { validateSession, type SessionField } from "#app/domain/catalogue.ts";
import {
  CANCEL_REASON_MAX,
  CANCEL_REASON_MIN,
  courseKindOptions,
  parseDurationHours,
} from "#app/domain/catalogue-admin.ts";
import { parseEuroInput } from "#app/domain/money.ts";
import { ogwRoles } from "#app/domain/roles.ts";
import { amsterdamLocalToUtc } from "#app/domain/time.ts";

/** Browsers send line breaks in a textarea as CRLF; count and store them as one character. */
function normaliseNewlines(value: string): string {
  return value.replace(/\r\n?/g, "\n");
}

/** A Dutch amount ("1.250,50", "€ 1.250", "0") as integer cents, with the domain's message when it is not one. */
export function euroAmountField() {
  // An empty field reaches the schema as undefined (conform strips empty strings).
  return z.string({ error: "Vul een bedrag in." }).transform((value, ctx) => {
    const result = parseEuroInput(value);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: result.message });
      return z.NEVER;
    }
    return result.cents;
  });
}

export const invalidDateTimeMessage =
  "Vul een geldige datum en tijd in, bijvoorbeeld 2026-12-01T09:30.";

/** The value of an `<input type="datetime-local">`, read as Amsterdam time, as the UTC instant. */
export function amsterdamDateTimeField(emptyMessage: string) {
  return z.string({ error: emptyMessage }).transform((value, ctx) => {
    // Some browsers add seconds ("09:30:00") when the field's step allows them; minutes are enough here.
    const date = amsterdamLocalToUtc(value.trim().replace(/^(.+T\d{2}:\d{2}):00(?:\.0+)?$/, "$1"));
    if (!date) {
      ctx.addIssue({ code: "custom", message: invalidDateTimeMessage });
      return z.NEVER;
    }
    return date;
  });
}

const httpsUrlMessage = "Vul een volledige, beveiligde link in die begint met https://.";

export const httpsUrlField = z
  .string()
  .trim()
  .max(500, "Een link is hoogstens 500 tekens.")
  .refine((value) => {
    try {
      const url = new URL(value);
      // A host with a dot rules out typos like "https://teams"; credentials in a link are never meant.
      return (
        url.protocol === "https:" && url.hostname.includes(".") && !url.username && !url.password
      );
    } catch {
      return false;
    }
  }, httpsUrlMessage);

// ---- Course -------------------------------------------------------------------------------------

export const courseFormSchema = z.object({
  title: z
    .string({ error: "Vul een titel in." })
    .trim()
    .min(3, "Een titel is minstens 3 tekens.")
    .max(150, "Een titel is hoogstens 150 tekens."),
  kind: z.enum(courseKindOptions, { error: "Kies het soort opleiding." }),
  summary: z
    .string({ error: "Vul een korte samenvatting in." })
    .transform(normaliseNewlines)
    .pipe(
      z
        .string()
        .trim()
        .min(1, "Vul een korte samenvatting in.")
        .max(300, "Een samenvatting is hoogstens 300 tekens."),
    ),
  body: z
    .string()
    .transform(normaliseNewlines)
    .pipe(z.string().max(20_000, "De beschrijving is hoogstens 20.000 tekens."))
    .optional()
    .transform((value) => (value && value.trim() !== "" ? value : "")),
  provider: z
    .string({ error: "Vul de aanbieder of trainer in." })
    .trim()
    .min(1, "Vul de aanbieder of trainer in.")
    .max(150, "De aanbieder is hoogstens 150 tekens."),
  costPerParticipant: euroAmountField(),
  durationHours: z.string({ error: "Vul de duur in uren in." }).transform((value, ctx) => {
    const result = parseDurationHours(value);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: result.message });
      return z.NEVER;
    }
    return result.hours;
  }),
  targetRoles: z
    .array(z.enum(ogwRoles, { error: "Kies OGW-rollen uit de lijst." }))
    .min(1, "Kies minstens één OGW-rol."),
  learningGoalIds: z
    .array(
      z
        .number({ error: "Kies leerdoelen uit de lijst." })
        .int()
        .positive("Kies leerdoelen uit de lijst."),
    )
    .min(1, "Kies minstens één leerdoel."),
  published: z.boolean().default(false),
});

export type CourseFormValue = z.output<typeof courseFormSchema>;

// ---- Session ------------------------------------------------------------------------------------

/** Which form field shows each message of validateSession, and which fields that rule reads. */
const sessionRuleFields: Record<SessionField, { field: string; reads: string[] }> = {
  startsAt: { field: "startsAt", reads: ["startsAt"] },
  endsAt: { field: "endsAt", reads: ["startsAt", "endsAt"] },
  enrolmentDeadline: { field: "enrolmentDeadline", reads: ["startsAt", "enrolmentDeadline"] },
  capacity: { field: "capacity", reads: ["capacity"] },
  sessionCostCents: { field: "sessionCost", reads: ["sessionCost"] },
};

export const locationOrLinkMessage = "Vul een locatie of een onlinelink in (of allebei).";

export const sessionFormSchema = z
  .object({
    startsAt: amsterdamDateTimeField("Vul het begin in (datum en tijd)."),
    endsAt: amsterdamDateTimeField("Vul het einde in (datum en tijd)."),
    location: z.string().trim().max(200, "Een locatie is hoogstens 200 tekens.").optional(),
    onlineUrl: httpsUrlField.optional(),
    capacity: z
      .number({ error: "Vul het aantal plaatsen in als heel getal, bijvoorbeeld 12." })
      .int("Vul het aantal plaatsen in als heel getal, bijvoorbeeld 12."),
    enrolmentDeadline: amsterdamDateTimeField("Vul de inschrijfdeadline in (datum en tijd)."),
    sessionCost: euroAmountField(),
  })
  .superRefine(
    (value, ctx) => {
      // Runs even when some fields are wrong, so every broken rule shows at once; a rule is only
      // judged when the fields it reads are themselves valid.
      const invalid = new Set(ctx.issues.map((issue) => String(issue.path?.[0] ?? "")));
      const locationGiven = !invalid.has("location") && Boolean(value.location);
      const linkGiven = !invalid.has("onlineUrl") && Boolean(value.onlineUrl);
      if (!locationGiven && !linkGiven && !invalid.has("location") && !invalid.has("onlineUrl")) {
        ctx.addIssue({ code: "custom", path: ["location"], message: locationOrLinkMessage });
      }
      const dateOr = (field: string, date: unknown) =>
        !invalid.has(field) && date instanceof Date ? date : new Date(0);
      const numberOr = (field: string, n: unknown) =>
        !invalid.has(field) && typeof n === "number" ? n : 1;
      const errors = validateSession({
        startsAt: dateOr("startsAt", value.startsAt),
        endsAt: dateOr("endsAt", value.endsAt),
        enrolmentDeadline: dateOr("enrolmentDeadline", value.enrolmentDeadline),
        capacity: numberOr("capacity", value.capacity),
        sessionCostCents: numberOr("sessionCost", value.sessionCost),
      });
      for (const [rule, message] of Object.entries(errors) as [SessionField, string][]) {
        const { field, reads } = sessionRuleFields[rule];
        if (reads.some((name) => invalid.has(name))) continue;
        ctx.addIssue({ code: "custom", path: [field], message });
      }
    },
    { when: () => true },
  );

export type SessionFormValue = z.output<typeof sessionFormSchema>;

// ---- Cancelling a session -------------------------------------------------------------------------

export const cancelSessionSchema = z.object({
  reason: z
    .string({ error: "Vul de reden van de annulering in." })
    .transform(normaliseNewlines)
    .pipe(
      z
        .string()
        .trim()
        .min(CANCEL_REASON_MIN, `Een reden is minstens ${CANCEL_REASON_MIN} tekens.`)
        .max(CANCEL_REASON_MAX, `Een reden is hoogstens ${CANCEL_REASON_MAX} tekens.`),
    ),
});
