// Form schemas for requesting an expense and for the decisions on it, shared by the routes and the
// browser. Amounts are typed the Dutch way and become integer cents here.
import { z } from "zod";
import { formatEuro, parseEuroInput } from "#app/domain/money.ts";
import { TIME_ZONE } from "#app/domain/time.ts";
import {
  collegeDecisionOutcomes,
  DESCRIPTION_MAX,
  expenseKinds,
  REASON_MAX,
  REFERENCE_MAX,
  SUPPLIER_MAX,
} from "./form-rules.ts";

export { DESCRIPTION_MAX, REASON_MAX, REFERENCE_MAX, SUPPLIER_MAX };

export const positiveAmountMessage = `Het bedrag moet hoger zijn dan ${formatEuro(0)}.`;
export const futureCollegeDateMessage =
  "De datum van het collegebesluit kan niet in de toekomst liggen.";
export const invalidCalendarDateMessage =
  "Vul een geldige datum in, bijvoorbeeld 2026-03-12 of 12-03-2026.";

/** Browsers send line breaks in a textarea as CRLF; count and store them as one character. */
function normaliseNewlines(value: string): string {
  return value.replace(/\r\n?/g, "\n");
}

function requiredText(emptyMessage: string, max: number, tooLongMessage: string) {
  // An empty field reaches the schema as undefined (conform strips empty strings).
  return z
    .string({ error: emptyMessage })
    .transform(normaliseNewlines)
    .pipe(z.string().trim().min(1, emptyMessage).max(max, tooLongMessage));
}

/** "-5" and "€ -5" deserve the same message as 0: the field wants a positive amount, not a format lesson. */
function looksNegative(value: string): boolean {
  const compact = value.replace(/[\s\u00a0]/g, "");
  return compact.startsWith("-") || compact.replace(/^(?:€|EUR)/i, "").startsWith("-");
}

/** A Dutch amount ("1.250,50", "€ 1.250") above zero, as integer cents. */
export function positiveEuroAmountField(emptyMessage: string) {
  return z.string({ error: emptyMessage }).transform((value, ctx) => {
    const result = parseEuroInput(value);
    if (!result.ok) {
      ctx.addIssue({
        code: "custom",
        message: looksNegative(value) ? positiveAmountMessage : result.message,
      });
      return z.NEVER;
    }
    if (result.cents <= 0) {
      ctx.addIssue({ code: "custom", message: positiveAmountMessage });
      return z.NEVER;
    }
    return result.cents;
  });
}

function optionalId(message: string) {
  return z.number({ error: message }).int(message).positive(message).optional();
}

export const expenseRequestSchema = z.object({
  description: requiredText(
    "Vul een omschrijving in.",
    DESCRIPTION_MAX,
    `Een omschrijving is hoogstens ${DESCRIPTION_MAX} tekens.`,
  ),
  supplier: requiredText(
    "Vul de leverancier in.",
    SUPPLIER_MAX,
    `De naam van de leverancier is hoogstens ${SUPPLIER_MAX} tekens.`,
  ),
  kind: z.enum(expenseKinds, { error: "Kies het soort uitgave." }),
  amount: positiveEuroAmountField("Vul het bedrag in."),
  courseId: optionalId("Kies een opleiding uit de lijst."),
  sessionId: optionalId("Kies een sessie uit de lijst."),
});

export type ExpenseRequestValue = z.output<typeof expenseRequestSchema>;

export const rejectExpenseSchema = z.object({
  reason: requiredText(
    "Vul de reden van de afwijzing in.",
    REASON_MAX,
    `Een reden is hoogstens ${REASON_MAX} tekens.`,
  ),
});

export const cancelExpenseSchema = z.object({
  reason: requiredText(
    "Vul de reden van de annulering in.",
    REASON_MAX,
    `Een reden is hoogstens ${REASON_MAX} tekens.`,
  ),
});

export const payExpenseSchema = z.object({
  paidAmount: positiveEuroAmountField("Vul het betaalde bedrag in."),
});

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const dutchDate = /^(\d{1,2})-(\d{1,2})-(\d{4})$/;

/** "2026-03-12" (a date field) or "12-03-2026" (typed by hand) as "2026-03-12"; null when no real date. */
export function readCalendarDate(input: string): string | null {
  const value = input.trim();
  const iso = isoDate.exec(value);
  const dutch = dutchDate.exec(value);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : dutch
      ? [Number(dutch[3]), Number(dutch[2]), Number(dutch[1])]
      : [NaN, NaN, NaN];
  if (!Number.isInteger(year) || year < 2000) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return null;
  return date.toISOString().slice(0, 10);
}

/** Today's calendar date in the municipality ("2026-03-12"), the latest a college decision can be. */
export function amsterdamToday(now = new Date()): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: TIME_ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** `today` comes from the server, so the browser and the server judge "the future" alike. */
export function collegeDecisionSchema(today: string) {
  return z.object({
    outcome: z.enum(collegeDecisionOutcomes, { error: "Kies wat het college heeft besloten." }),
    decisionDate: z
      .string({ error: "Vul de datum van het collegebesluit in." })
      .transform((value, ctx) => {
        const date = readCalendarDate(value);
        if (!date) {
          ctx.addIssue({ code: "custom", message: invalidCalendarDateMessage });
          return z.NEVER;
        }
        if (date > today) {
          ctx.addIssue({ code: "custom", message: futureCollegeDateMessage });
          return z.NEVER;
        }
        return date;
      }),
    reference: requiredText(
      "Vul het kenmerk van het besluit in, bijvoorbeeld Z.123456 / D.7654321.",
      REFERENCE_MAX,
      `Een kenmerk is hoogstens ${REFERENCE_MAX} tekens.`,
    ),
  });
}
