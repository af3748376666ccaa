// The signed-in member's own enrolments: what is coming (enrolled, on the waitlist, awaiting
// approval) and what is past or withdrawn, with a way to cancel, and feedback on sessions the
// member attended. Only the member's own ids are
// accepted here; anybody else's enrolment does not exist on this page.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { answerErrors, EnrolmentButton } from "#app/components/enrolment-forms.tsx";
import { enrolmentIdField, enrolmentNotFound } from "#app/utils/enrolment-schemas.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { FormErrors } from "#app/components/forms.tsx";
import { courseKindLabels } from "#app/domain/catalogue-admin.ts";
import {
  attendanceStatusLabels,
  enrolmentStatusLabels,
  isActiveEnrolment,
  mayGiveFeedback,
  mayStillCancel,
} from "#app/domain/enrolment.ts";
import { getSessionWithCourse } from "#app/models/catalogue.server.ts";
import {
  getEnrolment,
  listMemberEnrolments,
  type MemberEnrolmentRow,
} from "#app/models/enrolments.server.ts";
import { enrolmentIdsWithFeedback } from "#app/models/feedback.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import { formatSessionDate, formatSessionWhen } from "#app/utils/catalogue-format.ts";
import { cancelEnrolment } from "#app/utils/enrolments.server.ts";
import { redirectWithFlash } from "#app/utils/flash.server.ts";
import { readForm } from "#app/utils/form-guard.server.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";
import { getDb } from "#db/client.server.ts";

const cancelSchema = z.object({
  intent: z.literal("cancel", { error: "Onbekende handeling." }),
  enrolmentId: enrolmentIdField,
});

function statusText(row: MemberEnrolmentRow, upcoming: boolean): string {
  if (row.sessionStatus === "cancelled" && row.status !== "rejected") {
    return row.cancelReason ? `Sessie geannuleerd: ${row.cancelReason}` : "Sessie geannuleerd";
  }
  if (row.status === "waitlisted" && row.waitlistPosition !== null) {
    return `Op de wachtlijst: u staat op plaats ${row.waitlistPosition}`;
  }
  const label = enrolmentStatusLabels[row.status];
  if (!upcoming && row.status === "confirmed" && row.attendance) {
    return `${label} · ${attendanceStatusLabels[row.attendance]}`;
  }
  return label;
}

/** Feedback is for an attended session: still to give, or given (once). */
function feedbackState(row: MemberEnrolmentRow, withFeedback: Set<number>) {
  if (!mayGiveFeedback(row)) return null;
  return withFeedback.has(row.id) ? ("given" as const) : ("open" as const);
}

function enrolmentView(row: MemberEnrolmentRow, now: Date, withFeedback: Set<number>) {
  const startsInFuture = new Date(row.startsAt).getTime() > now.getTime();
  const upcoming = isActiveEnrolment(row.status) && startsInFuture;
  return {
    id: row.id,
    sessionId: row.sessionId,
    startsAt: row.startsAt,
    date: formatSessionDate(row.startsAt),
    when: formatSessionWhen(row.startsAt, row.endsAt),
    courseSlug: row.courseSlug,
    courseTitle: row.courseTitle,
    kind: courseKindLabels[row.courseKind],
    status: statusText(row, upcoming),
    reason: row.status === "rejected" ? row.decisionReason : null,
    upcoming,
    // Cancelling stops at the start; the service checks again.
    cancellable:
      row.sessionStatus === "planned" && mayStillCancel(row.status, new Date(row.startsAt), now),
    feedback: feedbackState(row, withFeedback),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "enrolments:enrol");
  const now = new Date();
  const db = getDb();
  const withFeedback = enrolmentIdsWithFeedback(db, user.id);
  const rows = listMemberEnrolments(db, user.id).map((row) =>
    enrolmentView(row, now, withFeedback),
  );
  return {
    // The list comes most recent first; what is coming reads best soonest first.
    upcoming: rows.filter((row) => row.upcoming).reverse(),
    past: rows.filter((row) => !row.upcoming),
  };
}

type ActionPayload = { enrolmentId: number | null; result: SubmissionResult<string[]> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "enrolments:enrol");
  const submission = parseWithZod(await readForm(request), { schema: cancelSchema });
  if (submission.status !== "success") {
    return data<ActionPayload>({ enrolmentId: null, result: submission.reply() }, { status: 400 });
  }
  const { enrolmentId } = submission.value;
  const db = getDb();
  const enrolment = getEnrolment(db, enrolmentId);
  // Someone else's enrolment is not there for you: the same answer as an id that does not exist.
  if (!enrolment || enrolment.memberId !== user.id) throw enrolmentNotFound();

  const result = await cancelEnrolment(enrolmentId, user, clientAddressOf(context));
  if (!result.ok) {
    if (result.notFound) throw enrolmentNotFound();
    return data<ActionPayload>(
      { enrolmentId, result: submission.reply({ formErrors: [result.message] }) },
      { status: 400 },
    );
  }
  const found = getSessionWithCourse(db, enrolment.sessionId);
  return redirectWithFlash("/mijn-inschrijvingen", {
    kind: "success",
    message: found
      ? `U bent afgemeld voor ${found.course.title} op ${formatSessionDate(found.session.startsAt)}.`
      : "U bent afgemeld.",
  });
}

export const meta: MetaFunction = () => [{ title: "Mijn inschrijvingen · Gildeportaal OGW" }];

type Row = ReturnType<typeof enrolmentView>;

function errorsFor(actionData: ActionPayload | undefined, enrolmentId: number | null): string[] {
  if (!actionData || actionData.enrolmentId !== enrolmentId) return [];
  return answerErrors(actionData.result);
}

function EnrolmentTable({
  rows,
  caption,
  actionData,
}: {
  rows: Row[];
  caption: string;
  actionData: ActionPayload | undefined;
}) {
  return (
    <div className="table-wrapper">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Datum</th>
            <th scope="col">Opleiding</th>
            <th scope="col">Status</th>
            <th scope="col">Acties</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const context = `(${row.courseTitle}, ${row.date})`;
            return (
              <tr key={row.id}>
                <th scope="row">
                  <time dateTime={row.startsAt}>{row.when}</time>
                </th>
                <td>
                  <Link to={`/catalogus/${row.courseSlug}`}>{row.courseTitle}</Link>
                  <br />
                  <span className="muted">{row.kind}</span>
                </td>
                <td>
                  {row.status}
                  {row.reason ? (
                    <>
                      <br />
                      Reden: {row.reason}
                    </>
                  ) : null}
                </td>
                <td>
                  <ul className="inline-actions">
                    <li>
                      <Link to={`/sessies/${row.sessionId}`}>
                        Bekijk sessie<span className="visually-hidden"> {context}</span>
                      </Link>
                    </li>
                    {row.cancellable ? (
                      <li>
                        <EnrolmentButton
                          intent="cancel"
                          enrolmentId={row.id}
                          label="Afmelden"
                          context={context}
                          danger
                          errors={errorsFor(actionData, row.id)}
                          errorId={`afmelden-${row.id}-fout`}
                        />
                      </li>
                    ) : null}
                    {row.feedback === "open" ? (
                      <li>
                        <Link to={`/mijn-inschrijvingen/${row.id}/feedback`}>
                          Feedback geven<span className="visually-hidden"> {context}</span>
                        </Link>
                      </li>
                    ) : row.feedback === "given" ? (
                      <li>
                        <Link to={`/mijn-inschrijvingen/${row.id}/feedback`}>
                          Feedback gegeven<span className="visually-hidden"> {context}</span>
                        </Link>
                      </li>
                    ) : null}
                  </ul>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export default function MyEnrolments() {
  const { upcoming, past } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionPayload | undefined;
  const otherErrors = errorsFor(actionData, null);
  return (
    <>
      <h1>Mijn inschrijvingen</h1>
      <FormErrors errors={otherErrors} />
      {upcoming.length === 0 && past.length === 0 ? (
        <p>
          U hebt zich nog nergens voor ingeschreven.{" "}
          <Link to="/catalogus">Bekijk de catalogus</Link> en kies een sessie.
        </p>
      ) : (
        <>
          <section aria-labelledby="komend">
            <h2 id="komend">Komend</h2>
            {upcoming.length > 0 ? (
              <EnrolmentTable
                rows={upcoming}
                caption="Komende sessies waarvoor u bent ingeschreven, op de wachtlijst staat of een aanvraag hebt gedaan"
                actionData={actionData}
              />
            ) : (
              <p>
                Er staat niets gepland. <Link to="/catalogus">Bekijk de catalogus</Link>.
              </p>
            )}
          </section>
          <section aria-labelledby="afgelopen">
            <h2 id="afgelopen">Afgelopen en afgemeld</h2>
            {past.length > 0 ? (
              <EnrolmentTable
                rows={past}
                caption="Afgelopen sessies en afgemelde of afgewezen inschrijvingen"
                actionData={actionData}
              />
            ) : (
              <p>Nog niets.</p>
            )}
          </section>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
