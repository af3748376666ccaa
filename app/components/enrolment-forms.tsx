// The enrolment forms (their schemas are in app/utils/enrolment-schemas.ts): the one-button
// forms (cancel, approve) that the session page and "Mijn inschrijvingen" share, and the
// coordinator's reject and attendance forms on the session page.
import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { Form } from "@remix-run/react";
import { attendanceStatusLabels } from "#app/domain/enrolment.ts";
import { REJECT_REASON_MAX, attendanceChoices } from "#app/utils/form-rules.ts";
import {
  FieldErrors,
  FormErrors,
  TextAreaField,
  useDeferredValidation,
  validationTiming,
} from "./forms.tsx";

/** The schemas of the forms below and conform's parser, fetched after hydration (ADR 011). */
async function loadEnrolmentValidation() {
  const [{ parseWithZod }, schemas] = await Promise.all([
    import("@conform-to/zod/v4"),
    import("#app/utils/enrolment-schemas.ts"),
  ]);
  return { parseWithZod, schemas };
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
  const validation = useDeferredValidation(loadEnrolmentValidation);
  const [form, fields] = useForm({
    id: `afwijzen-${enrolmentId}`,
    lastResult: mine ? answer.result : undefined,
    ...validationTiming(validation !== null),
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, { schema: validation.schemas.rejectSchema })
      : undefined,
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
  const validation = useDeferredValidation(loadEnrolmentValidation);
  const [form, fields] = useForm({
    id: "aanwezigheid",
    lastResult: answer?.intent === "attendance" ? answer.result : undefined,
    defaultValue: {
      marks: participants.map((participant) => ({
        enrolmentId: String(participant.id),
        attendance: participant.attendance ?? undefined,
      })),
    },
    ...validationTiming(validation !== null),
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, { schema: validation.schemas.attendanceSchema })
      : undefined,
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
