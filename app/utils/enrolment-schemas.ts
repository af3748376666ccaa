// The enrolment forms' schemas, one for the browser and the action alike.
import { z } from "zod";
import { attendanceChoices, REJECT_REASON_MAX } from "./form-rules.ts";

export { attendanceChoices, REJECT_REASON_MAX };

const NO_SUCH_ENROLMENT = "Deze inschrijving bestaat niet.";

/** An enrolment id posted by a form; anything but a positive integer cannot be an enrolment. */
export const enrolmentIdField = z
  .number({ error: NO_SUCH_ENROLMENT })
  .int(NO_SUCH_ENROLMENT)
  .positive(NO_SUCH_ENROLMENT);

export const enrolmentSchema = z.object({ enrolmentId: enrolmentIdField });

export const rejectSchema = z.object({
  enrolmentId: enrolmentIdField,
  // An empty field reaches the schema as undefined (conform strips empty strings).
  reason: z
    .string({ error: "Vul de reden van de afwijzing in." })
    .transform((value) => value.replace(/\r\n?/g, "\n"))
    .pipe(
      z
        .string()
        .trim()
        .min(1, "Vul de reden van de afwijzing in.")
        .max(REJECT_REASON_MAX, `Een reden is hoogstens ${REJECT_REASON_MAX} tekens.`),
    ),
});

export const attendanceSchema = z.object({
  marks: z
    .array(
      z.object({
        enrolmentId: enrolmentIdField,
        attendance: z.enum(attendanceChoices, {
          error: "Kies Aanwezig of Niet verschenen.",
        }),
      }),
      { error: "Er zijn geen deelnemers om aanwezigheid voor te registreren." },
    )
    .min(1, "Er zijn geen deelnemers om aanwezigheid voor te registreren."),
});

/** The same answer for an id that does not exist and for one that is not the viewer's to see. */
export function enrolmentNotFound(): Response {
  return new Response(NO_SUCH_ENROLMENT, { status: 404 });
}
