// Feedback on a session the member attended: a rating, the course's learning goals it helped with
// and a comment, once. Only the member's own enrolment exists here; someone else's id is a 404.
// When feedback is not possible (not attended, or given already) the page says why and has no form.
import { getCollectionProps, getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { CheckboxGroup, TextAreaField } from "#app/components/catalogue-forms.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import {
  FieldErrors,
  FormErrors,
  SubmitButton,
  useDeferredValidation,
  validationTiming,
} from "#app/components/forms.tsx";
import { feedbackRefusal, ratingChoices, ratingLabels, type Rating } from "#app/domain/feedback.ts";
import { getSessionWithCourse } from "#app/models/catalogue.server.ts";
import { getEnrolment } from "#app/models/enrolments.server.ts";
import {
  getFeedbackForEnrolment,
  listCourseLearningGoals,
  listFeedbackLearningGoals,
} from "#app/models/feedback.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import { formatMoment, formatSessionWhen } from "#app/utils/catalogue-format.ts";
import { enrolmentNotFound } from "#app/utils/enrolment-schemas.ts";
import { createFeedbackSchema } from "#app/utils/feedback-schemas.ts";
import { giveFeedback } from "#app/utils/feedback.server.ts";
import { redirectWithFlash } from "#app/utils/flash.server.ts";
import { readForm } from "#app/utils/form-guard.server.ts";
import { commentHint } from "#app/utils/form-rules.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";
import { getDb } from "#db/client.server.ts";

// ---- Helpers ----

/** The member's own enrolment with its session and course; anything else is a 404. */
function requireOwnEnrolment(params: { id?: string }, memberId: number) {
  const raw = params.id ?? "";
  if (!/^\d{1,12}$/.test(raw) || Number(raw) <= 0) throw enrolmentNotFound();
  const db = getDb();
  const enrolment = getEnrolment(db, Number(raw));
  // Someone else's enrolment is not there for you: the same answer as an id that does not exist.
  if (!enrolment || enrolment.memberId !== memberId) throw enrolmentNotFound();
  const found = getSessionWithCourse(db, enrolment.sessionId);
  if (!found) throw enrolmentNotFound();
  const existing = getFeedbackForEnrolment(db, enrolment.id);
  return {
    enrolment,
    found,
    existing,
    goals: listCourseLearningGoals(db, found.course.id),
    refusal: feedbackRefusal(enrolment, existing, memberId),
  };
}

// ---- Loader and action ----

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requirePermission(request, "feedback:give");
  const { found, existing, goals, refusal } = requireOwnEnrolment(params, user.id);
  const given = existing
    ? {
        rating: existing.rating,
        ratingLabel: ratingLabels[existing.rating as Rating] ?? "",
        goals: listFeedbackLearningGoals(getDb(), existing.id).map((goal) => goal.title),
        comment: existing.comment,
        givenAt: formatMoment(existing.givenAt),
      }
    : null;
  return {
    session: {
      id: found.session.id,
      startsAt: found.session.startsAt,
      when: formatSessionWhen(found.session.startsAt, found.session.endsAt),
      courseTitle: found.course.title,
      courseSlug: found.course.slug,
    },
    goals,
    refusal,
    given,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "feedback:give");
  const { enrolment, goals, refusal } = requireOwnEnrolment(params, user.id);
  const schema = createFeedbackSchema(goals.map((goal) => goal.id));
  const submission = parseWithZod(await readForm(request), { schema });
  if (refusal) {
    return data({ result: submission.reply({ formErrors: [refusal.message] }) }, { status: 400 });
  }
  if (submission.status !== "success") {
    return data({ result: submission.reply() }, { status: 400 });
  }
  const result = giveFeedback(enrolment.id, user, submission.value, clientAddressOf(context));
  if (!result.ok) {
    if (result.notFound) throw enrolmentNotFound();
    return data(
      {
        result: result.field
          ? submission.reply({ fieldErrors: { [result.field]: [result.message] } })
          : submission.reply({ formErrors: [result.message] }),
      },
      { status: 400 },
    );
  }
  return redirectWithFlash("/mijn-inschrijvingen", {
    kind: "success",
    message: "Dank voor uw feedback.",
  });
}

export const meta: MetaFunction = () => [{ title: "Feedback geven · Gildeportaal OGW" }];

// ---- The page ----

const ratingOptions = ratingChoices.map((rating) => ({
  value: String(rating),
  label: `${rating} – ${ratingLabels[rating]}`,
}));

/** Five radio buttons under one legend; the error shows below them and the group points at it. */
function RatingField({ field }: { field: FieldMetadata<number | string | undefined> }) {
  const radios = getCollectionProps(field as FieldMetadata<string>, {
    type: "radio",
    options: ratingOptions.map((option) => option.value),
  });
  const labels = new Map(ratingOptions.map((option) => [option.value, option.label]));
  return (
    <fieldset
      className="field checkbox-group"
      aria-describedby={field.errors ? field.errorId : undefined}
    >
      <legend>
        Beoordeling<span className="required"> (verplicht)</span>
      </legend>
      <p className="field-hint">Hoe vond u de sessie, van 1 (slecht) tot en met 5 (uitstekend)?</p>
      <ul className="checkbox-group__list">
        {radios.map(({ key, ...radio }) => (
          <li key={key} className="field--check">
            <input {...radio} />
            <label htmlFor={radio.id}>{labels.get(radio.value)}</label>
          </li>
        ))}
      </ul>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

type Given = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["given"]>;

function GivenFeedback({ given }: { given: Given }) {
  // Line breaks as typed, without inline styles (the content security policy forbids them).
  const lines = given.comment?.split(/\n+/) ?? [];
  return (
    <dl className="details">
      <dt>Beoordeling</dt>
      <dd>
        {given.rating} – {given.ratingLabel}
      </dd>
      <dt>Hielp bij de leerdoelen</dt>
      <dd>{given.goals.length > 0 ? given.goals.join("; ") : "Geen gekozen"}</dd>
      <dt>Opmerking</dt>
      <dd>
        {lines.length > 0
          ? lines.map((line, index) => (
              <span key={index}>
                {index > 0 ? <br /> : null}
                {line}
              </span>
            ))
          : "Geen"}
      </dd>
      <dt>Gegeven op</dt>
      <dd>{given.givenAt}</dd>
    </dl>
  );
}

/** The feedback schema and conform's parser, fetched after hydration (ADR 011). */
async function loadFeedbackValidation() {
  const [{ parseWithZod }, schemas] = await Promise.all([
    import("@conform-to/zod/v4"),
    import("#app/utils/feedback-schemas.ts"),
  ]);
  return { parseWithZod, schemas };
}

function FeedbackForm() {
  const { goals } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const validation = useDeferredValidation(loadFeedbackValidation);
  const schema = useMemo(
    () => validation?.schemas.createFeedbackSchema(goals.map((goal) => goal.id)),
    [validation, goals],
  );
  const [form, fields] = useForm({
    id: "feedback",
    lastResult: actionData?.result,
    ...validationTiming(validation !== null),
    onValidate:
      validation && schema
        ? ({ formData }) => validation.parseWithZod(formData, { schema })
        : undefined,
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <RatingField field={fields.rating} />
      {goals.length > 0 ? (
        <CheckboxGroup
          field={fields.learningGoalIds}
          legend="Bij welke leerdoelen hielp deze sessie?"
          hint="Kies er zoveel als van toepassing zijn, of geen."
          options={goals.map((goal) => ({ value: String(goal.id), label: goal.title }))}
        />
      ) : null}
      <TextAreaField field={fields.comment} label="Opmerking" hint={commentHint} rows={6} />
      <div className="form-actions">
        <SubmitButton>Feedback versturen</SubmitButton>
      </div>
    </Form>
  );
}

export default function GiveFeedback() {
  const { session, refusal, given } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="narrow">
      <h1>{given ? "Feedback gegeven" : "Feedback geven"}</h1>
      <dl className="details">
        <dt>Opleiding</dt>
        <dd>
          <Link to={`/catalogus/${session.courseSlug}`}>{session.courseTitle}</Link>
        </dd>
        <dt>Sessie</dt>
        <dd>
          <Link to={`/sessies/${session.id}`}>
            <time dateTime={session.startsAt}>{session.when}</time>
          </Link>
        </dd>
      </dl>
      {refusal ? (
        <>
          {/* A refused POST without JavaScript lands here too; the reason is the same. */}
          <div className="alert alert--info" role={actionData ? "alert" : undefined}>
            <p>{refusal.message}</p>
          </div>
          {given ? (
            <>
              <h2>Uw feedback</h2>
              <GivenFeedback given={given} />
            </>
          ) : null}
        </>
      ) : (
        <>
          <p>
            Met uw feedback meet de gilde in de halfjaarlijkse evaluatie wat de opleidingen
            opleveren. U geeft één keer feedback per sessie; daarna kunt u haar niet meer wijzigen.
          </p>
          <FeedbackForm />
        </>
      )}
      <p>
        <Link to="/mijn-inschrijvingen">Terug naar Mijn inschrijvingen</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
