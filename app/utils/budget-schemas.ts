// The budget page's three form schemas (settings, create, adjust), for the action and for the
// browser, which loads them after hydration (ADR 011).
import { z } from "zod";
import { isCalendarDate } from "#app/domain/budget-report.ts";
import { euroAmountField } from "./catalogue-schemas.ts";
import { THRESHOLD_ZERO_MESSAGE } from "./form-rules.ts";

function requiredText(empty: string, max: number) {
  return z
    .string({ error: empty })
    .trim()
    .min(1, empty)
    .max(max, `Gebruik hoogstens ${max} tekens.`);
}

function calendarDate(empty: string) {
  return z
    .string({ error: empty })
    .trim()
    .refine(isCalendarDate, "Vul een geldige datum in, bijvoorbeeld 2023-01-31.");
}

const settingsFields = {
  name: requiredText("Vul de naam van het budget in.", 120),
  fundingSource: requiredText("Vul in waaruit het budget wordt betaald.", 200),
  decisionDate: calendarDate("Vul de datum van het collegebesluit in."),
  decisionReference: requiredText(
    "Vul het kenmerk van het collegebesluit in, bijvoorbeeld Z.180338 / D.1436779.",
    100,
  ),
  startDate: calendarDate("Vul de begindatum van de periode in."),
  endDate: calendarDate("Vul de einddatum van de periode in."),
  // The database refuses a threshold of 0 too; this gives the message beside the field first.
  significanceThreshold: euroAmountField().pipe(z.number().gt(0, THRESHOLD_ZERO_MESSAGE)),
};

function periodInOrder(value: { startDate: string; endDate: string }) {
  return value.endDate > value.startDate;
}
const periodMessage = { path: ["endDate"], message: "De einddatum moet na de begindatum liggen." };

export const settingsSchema = z
  .object({ intent: z.literal("settings"), ...settingsFields })
  .refine(periodInOrder, periodMessage);

export const createSchema = z
  .object({
    intent: z.literal("create"),
    ...settingsFields,
    initialAmount: euroAmountField().pipe(
      z.number().gt(0, "Het budget moet hoger zijn dan € 0,00."),
    ),
  })
  .refine(periodInOrder, periodMessage);

export const adjustSchema = z.object({
  intent: z.literal("adjust"),
  direction: z.enum(["raise", "lower"], { error: "Kies of u het budget verhoogt of verlaagt." }),
  amount: euroAmountField().pipe(z.number().gt(0, "Vul een bedrag hoger dan € 0,00 in.")),
  reason: z
    .string({ error: "Vul de reden van de aanpassing in." })
    .trim()
    .min(5, "Beschrijf de reden in minstens 5 tekens.")
    .max(500, "Gebruik hoogstens 500 tekens."),
});
