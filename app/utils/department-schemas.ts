// The department form's schema, shared by the add and edit forms, in the browser and on the server.
import { z } from "zod";
import {
  DEPARTMENT_CODE_MAX,
  DEPARTMENT_CODE_MIN,
  DEPARTMENT_NAME_MAX,
  DEPARTMENT_NAME_MIN,
} from "./form-rules.ts";

// The limits are in the zod-free form-rules.ts, for the pages' hints.
export { DEPARTMENT_CODE_MAX, DEPARTMENT_CODE_MIN, DEPARTMENT_NAME_MAX, DEPARTMENT_NAME_MIN };

/** " p&o " → "P&O": codes are compared and stored in capitals, with single spaces. */
export function normaliseDepartmentCode(value: string): string {
  return value.replace(/\s+/g, " ").trim().toUpperCase();
}

/**
 * Characters as a person (and SQLite's length()) counts them: "𝒜" or an emoji is one, where
 * JavaScript's length counts two.
 */
function characterCount(value: string): number {
  return [...value].length;
}

const emptyCodeMessage = "Vul een code in, bijvoorbeeld MO/MB.";
const emptyNameMessage = "Vul de naam van de afdeling in.";

// `abort`: a field of only spaces gets the "fill in" message alone, not "too short" as well.
export const departmentCodeField = z
  .string({ error: emptyCodeMessage })
  .transform(normaliseDepartmentCode)
  .pipe(
    // conform turns the transformed "" into undefined too, hence the message on this string as well.
    z
      .string({ error: emptyCodeMessage })
      .min(1, { error: emptyCodeMessage, abort: true })
      .refine(
        (code) => characterCount(code) >= DEPARTMENT_CODE_MIN,
        `Een code is minstens ${DEPARTMENT_CODE_MIN} tekens.`,
      )
      .refine(
        (code) => characterCount(code) <= DEPARTMENT_CODE_MAX,
        `Een code is hoogstens ${DEPARTMENT_CODE_MAX} tekens.`,
      )
      .regex(
        /^[\p{L}\p{N}&/\- ]+$/u,
        "Gebruik in een code alleen letters, cijfers, spaties en de tekens & - /.",
      ),
  );

export const departmentNameField = z
  .string({ error: emptyNameMessage })
  .trim()
  .min(1, { error: emptyNameMessage, abort: true })
  .refine(
    (name) => characterCount(name) >= DEPARTMENT_NAME_MIN,
    `Een naam is minstens ${DEPARTMENT_NAME_MIN} tekens.`,
  )
  .refine(
    (name) => characterCount(name) <= DEPARTMENT_NAME_MAX,
    `Een naam is hoogstens ${DEPARTMENT_NAME_MAX} tekens.`,
  )
  // A name is one line of text; a NUL or other control character would also cut it short in SQL.
  .refine(
    (name) => ![...name].some((char) => char < " " || char === "\u007f"),
    "Gebruik in een naam geen tabs, regeleinden of andere onzichtbare tekens.",
  );

export const departmentFormSchema = z.object({
  code: departmentCodeField,
  name: departmentNameField,
});

export type DepartmentFormValue = z.output<typeof departmentFormSchema>;

/** The edit page's form: the same fields, told apart from the delete form by `intent`. */
export const departmentSaveSchema = z.object({
  intent: z.literal("save"),
  code: departmentCodeField,
  name: departmentNameField,
});
