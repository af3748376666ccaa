// The enrolment forms and their schemas, one schema for the browser and the action: the one-button
// forms (cancel, approve) that the session page and "Mijn inschrijvingen" share, and the
// coordinator's reject and attendance forms on the session page.
import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { attendanceStatusLabels } from "#app/domain/enrolment.ts";
import { TextAreaField } from "./catalogue-forms.tsx";
import { FieldErrors, FormErrors } from "./forms.tsx";

// ---- Schemas ----

const NO_SUCH_ENROLMENT = "Deze inschrijving bestaat niet.";

/** An enrolment id posted by a form; anything but a positive integer cannot be an enrolment. */
export const enrolmentIdField = z
  .number({ error: NO_SUCH_ENROLMENT })
  .int(NO_SUCH_ENROLMENT)
  .positive(NO_SUCH_ENROLMENT);

export const enrolmentSchema = z.object({ enrolmentId: enrolmentIdField });

export const REJECT_REASON_MAX = 500;

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

const attendanceChoices = ["attended", "no_show"] as const;

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

// ---- Answers ----

/** Every message of an action's answer, form-level and per field, in one list. */
export function answerErrors(result: SubmissionResult<string[]>): string[] {
  return Object.values(result.error ?? {}).flatMap((messages) =>
    Array.isArray(messages) ? messages.map(String) : [],
  );
}

export const sessionIntents = ["enrol", "cancel", "approve", "reject", "attendance"] as const;
export type SessionIntent = (typeof sessionIntents)[number];

/** The session page's answer to a refused or invalid form: which form, for which enrolment. */
export type SessionAnswer = {
  intent: SessionIntent | null;
  enrolmentId: number | null;
  result: SubmissionResult<string[]>;
};

/** The messages of the last answer, when it was about this intent and enrolment. */
export function sessionAnswerErrors(
  answer: SessionAnswer | undefined,
  intent: SessionIntent | null,
  enrolmentId: number | null,
): string[] {
  if (!answer || answer.intent !== intent || answer.enrolmentId !== enrolmentId) return [];
  return answerErrors(answer.result);
}

// ---- Forms ----

/** A one-button form for one enrolment: cancel or approve; the refusal shows right beside it. */
export function EnrolmentButton({
  intent,
  enrolmentId,
  label,
  context,
  danger,
  errors,
  errorId = `${intent}-${enrolmentId}-fout`,
}: {
  intent: "cancel" | "approve";
  enrolmentId: number;
  label: string;
  /** Tells screen readers which enrolment the button is for. */
  context?: string;
  danger?: boolean;
  errors: string[];
  errorId?: string;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      <button
        type="submit"
        className={danger ? "button button--secondary" : "button"}
        aria-describedby={errors.length > 0 ? errorId : undefined}
      >
        {label}
        {context ? <span className="visually-hidden"> {context}</span> : null}
      </button>
      <FormErrors id={errorId} errors={errors} />
    </Form>
  );
}

export function RejectForm({
  enrolmentId,
  name,
  answer,
}: {
  enrolmentId: number;
  name: string;
  answer: SessionAnswer | undefined;
}) {
  const mine = answer?.intent === "reject" && answer.enrolmentId === enrolmentId;
  const [form, fields] = useForm({
    id: `afwijzen-${enrolmentId}`,
    lastResult: mine ? answer.result : undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rejectSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="reject" />
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      <TextAreaField
        field={fields.reason}
        label={`Reden van de afwijzing voor ${name}`}
        hint={`De collega ziet deze reden. Hoogstens ${REJECT_REASON_MAX} tekens.`}
        rows={2}
        required
      />
      <div className="form-actions">
        <button type="submit" className="button button--danger">
          Afwijzen<span className="visually-hidden"> (aanvraag van {name})</span>
        </button>
      </div>
    </Form>
  );
}

/** One choice per confirmed participant, saved in one go. */
export function AttendanceForm({
  participants,
  answer,
}: {
  participants: { id: number; name: string; attendance: string | null }[];
  answer: SessionAnswer | undefined;
}) {
  const [form, fields] = useForm({
    id: "aanwezigheid",
    lastResult: answer?.intent === "attendance" ? answer.result : undefined,
    defaultValue: {
      marks: participants.map((participant) => ({
        enrolmentId: String(participant.id),
        attendance: participant.attendance ?? undefined,
      })),
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: attendanceSchema }),
  });
  const names = new Map(participants.map((participant) => [String(participant.id), participant]));
  const marks = fields.marks.getFieldList();
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <FieldErrors id={fields.marks.errorId} errors={fields.marks.errors} />
      <input type="hidden" name="intent" value="attendance" />
      {marks.map((mark) => {
        const markFields = mark.getFieldset();
        const participant = names.get(String(markFields.enrolmentId.initialValue ?? ""));
        const { key: idKey, ...idProps } = getInputProps(markFields.enrolmentId, {
          type: "hidden",
        });
        const radios = getCollectionProps(markFields.attendance, {
          type: "radio",
          options: [...attendanceChoices],
        });
        return (
          <fieldset
            key={mark.key}
            className="field attendance-choice"
            aria-describedby={
              markFields.attendance.errors ? markFields.attendance.errorId : undefined
            }
          >
            <legend>{participant?.name ?? "Deelnemer"}</legend>
            <input key={idKey} {...idProps} />
            <ul className="checkbox-group__list">
              {radios.map(({ key, ...radio }) => (
                <li key={key} className="field--check">
                  <input {...radio} />
                  <label htmlFor={radio.id}>
                    {attendanceStatusLabels[radio.value as (typeof attendanceChoices)[number]]}
                  </label>
                </li>
              ))}
            </ul>
            <FieldErrors id={markFields.attendance.errorId} errors={markFields.attendance.errors} />
          </fieldset>
        );
      })}
      <div className="form-actions">
        <button type="submit" className="button">
          Aanwezigheid opslaan
        </button>
      </div>
    </Form>
  );
}
