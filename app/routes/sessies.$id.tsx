// One session: when and where, seats and waitlist, and the viewer's own enrolment (enrol, cancel).
// Coordinators, P&O and admins also see the participants; coordinators decide on paid requests,
// cancel for someone else and register attendance. Every intent asks for its own permission here;
// the enrolment service checks the state, the seats, four eyes and the time again on submit.
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
import { sessionIntents, type SessionAnswer } from "#app/components/enrolment-forms.tsx";
import { errorTitle, GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { FormErrors } from "#app/components/forms.tsx";
import {
  answerErrorsWithoutForm,
  OwnEnrolmentSection,
  ParticipantsSection,
  type SessionParticipant,
} from "#app/components/session-enrolments.tsx";
import { expenseStatusLabels } from "#app/domain/budget.ts";
import { collegeStatusLabel } from "#app/domain/budget-report.ts";
import { closedReasonLabels, openForEnrolment } from "#app/domain/catalogue.ts";
import { courseKindLabels } from "#app/domain/catalogue-admin.ts";
import {
  attendanceStatusLabels,
  decideEnrolment,
  enrolmentStatusLabels,
  mayStillCancel,
  seatsFree,
  waitlistPosition,
} from "#app/domain/enrolment.ts";
import { formatEuro } from "#app/domain/money.ts";
import { ogwRoleLabels, type AppRole } from "#app/domain/roles.ts";
import { getSessionWithCourse } from "#app/models/catalogue.server.ts";
import {
  activeEnrolmentFor,
  getEnrolment,
  latestEnrolmentFor,
  listParticipants,
  listSessionEnrolments,
  listWaitlist,
  seatCounts,
  type ParticipantRow,
} from "#app/models/enrolments.server.ts";
import { forbidden, requirePermission, requireUser } from "#app/utils/auth.server.ts";
import {
  formatMoment,
  formatSessionDate,
  formatSessionWhen,
  formatTimeRange,
} from "#app/utils/catalogue-format.ts";
import {
  approveEnrolment,
  cancelEnrolment,
  enrolInSession,
  registerAttendance,
  rejectEnrolment,
  type EnrolmentResult,
} from "#app/utils/enrolments.server.ts";
import {
  attendanceSchema,
  enrolmentNotFound,
  enrolmentSchema,
  rejectSchema,
} from "#app/utils/enrolment-schemas.ts";
import { redirectWithFlash } from "#app/utils/flash.server.ts";
import { readForm } from "#app/utils/form-guard.server.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";
import { can, type Permission } from "#app/utils/permissions.ts";
import { enrolmentStatuses } from "#db/schema.ts";
import { getDb } from "#db/client.server.ts";

// ---- Schemas ----

// The forms' own schemas are in app/utils/enrolment-schemas.ts, shared with the browser.
const intentSchema = z.enum(sessionIntents);

// ---- Helpers ----

function notFound(): Response {
  return new Response("Deze sessie bestaat niet.", { status: 404 });
}

function sessionIdFrom(params: { id?: string }): number {
  const raw = params.id ?? "";
  if (!/^\d{1,12}$/.test(raw)) throw notFound();
  const id = Number(raw);
  if (id <= 0) throw notFound();
  return id;
}

function requireAllowed(role: AppRole, permission: Permission) {
  if (!can(role, permission)) throw forbidden();
}

/** The session with its course; an unpublished course does not exist for members, nor its sessions. */
function requireSession(id: number, role: AppRole) {
  const found = getSessionWithCourse(getDb(), id);
  if (!found || (!found.course.published && !can(role, "catalogue:manage"))) throw notFound();
  return found;
}

function sessionStatusText(
  session: { status: string; cancelReason: string | null },
  started: boolean,
): string {
  if (session.status === "cancelled") {
    return session.cancelReason ? `Geannuleerd: ${session.cancelReason}` : "Geannuleerd";
  }
  if (session.status === "held") return "Heeft plaatsgevonden";
  return started ? "Begonnen of afgelopen" : "Gepland";
}

function seatsText(seatsLeft: number, capacity: number): string {
  if (seatsLeft <= 0) return `Vol (${capacity} ${capacity === 1 ? "plaats" : "plaatsen"})`;
  return seatsLeft === 1
    ? `Nog 1 plaats van de ${capacity}`
    : `Nog ${seatsLeft} plaatsen van de ${capacity}`;
}

function waitlistText(position: number, length: number): string {
  return `U staat op plaats ${position} van de wachtlijst${length > 1 ? ` (${length} wachtenden)` : ""}.`;
}

function participantView(
  participant: ParticipantRow,
  viewerId: number,
  sessionStartsAt: Date,
  now: Date,
): SessionParticipant {
  return {
    id: participant.id,
    memberId: participant.memberId,
    name: participant.name,
    department: participant.departmentCode,
    departmentName: participant.departmentName,
    ogwRole: ogwRoleLabels[participant.ogwRole],
    status: participant.status,
    statusLabel: enrolmentStatusLabels[participant.status],
    enrolledAt: participant.enrolledAt,
    enrolledWhen: formatMoment(participant.enrolledAt),
    attendance: participant.attendance,
    attendanceLabel: participant.attendance ? attendanceStatusLabels[participant.attendance] : null,
    waitlistPosition: participant.waitlistPosition,
    decisionReason: participant.decisionReason,
    own: participant.memberId === viewerId,
    cancellable: mayStillCancel(participant.status, sessionStartsAt, now),
    expense:
      participant.expenseId !== null && participant.expenseStatus !== null
        ? {
            id: participant.expenseId,
            status: expenseStatusLabels[participant.expenseStatus],
            college: collegeStatusLabel({
              significant: participant.expenseSignificant ?? false,
              status: participant.expenseStatus,
              collegeOutcome: participant.collegeOutcome,
              collegeDecisionDate: null,
              collegeReference: null,
            }),
          }
        : null,
  };
}

// ---- Loader ----

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requirePermission(request, "catalogue:view");
  const sessionId = sessionIdFrom(params);
  const { session, course } = requireSession(sessionId, user.appRole);
  const db = getDb();
  const now = new Date();
  const role = user.appRole;
  const startsAt = new Date(session.startsAt);
  const started = now.getTime() >= startsAt.getTime();

  const counts = seatCounts(db, sessionId);
  const seatsLeft = seatsFree(session.capacity, counts.confirmed, counts.requested);
  const window = openForEnrolment(
    { status: session.status, startsAt, enrolmentDeadline: new Date(session.enrolmentDeadline) },
    now,
  );
  const paid = course.costPerParticipantCents > 0;

  // The viewer's own enrolment: the active one, or else the last one (afgewezen, afgemeld).
  const mayEnrol = can(role, "enrolments:enrol");
  const active = mayEnrol ? activeEnrolmentFor(db, sessionId, user.id) : undefined;
  const ownEnrolment =
    active ?? (mayEnrol ? latestEnrolmentFor(db, sessionId, user.id) : undefined);
  const ownPosition =
    ownEnrolment?.status === "waitlisted"
      ? waitlistPosition(
          listWaitlist(db, sessionId).map((entry) => ({
            id: entry.id,
            enrolledAt: new Date(entry.enrolledAt),
          })),
          ownEnrolment.id,
        )
      : null;

  // What enrolling now would do, in the domain's own words; the service decides again on submit.
  const preview = decideEnrolment({
    session: {
      status: session.status,
      startsAt,
      enrolmentDeadline: new Date(session.enrolmentDeadline),
      capacity: session.capacity,
    },
    costPerParticipantCents: course.costPerParticipantCents,
    confirmedCount: counts.confirmed,
    requestedCount: counts.requested,
    memberHasActiveEnrolment: null,
    now,
  });
  const enrolOutcome =
    preview.kind === "waitlist"
      ? `De sessie is vol. Schrijft u zich in, dan komt u op plaats ${counts.waitlisted + 1} van de wachtlijst. Komt er een plaats vrij, dan schuift u door${paid ? " en beoordeelt een coördinator uw aanvraag" : ""}.`
      : preview.kind === "request"
        ? `Deze opleiding kost ${formatEuro(course.costPerParticipantCents)} per deelnemer, te betalen uit het opleidingsbudget. Uw inschrijving is daarom eerst een aanvraag: een coördinator moet haar goedkeuren. Tot dan houden wij een plaats voor u vast.`
        : preview.kind === "confirm"
          ? "Er is nog plaats: uw inschrijving wordt meteen bevestigd."
          : preview.message;

  const canViewParticipants = can(role, "enrolments:view-participants");
  const canDecide = can(role, "enrolments:decide");
  const canManage = can(role, "catalogue:manage");
  const participants = canViewParticipants
    ? listParticipants(db, sessionId).map((row) => participantView(row, user.id, startsAt, now))
    : null;

  const onlineUrl = session.onlineUrl?.trim() ?? "";
  return {
    session: {
      id: session.id,
      startsAt: session.startsAt,
      date: formatSessionDate(session.startsAt),
      time: formatTimeRange(session.startsAt, session.endsAt),
      when: formatSessionWhen(session.startsAt, session.endsAt),
      location: session.location,
      // Only http(s) becomes a link; anything else was never meant to be clicked.
      onlineUrl: /^https?:\/\//i.test(onlineUrl) ? onlineUrl : null,
      deadlineAt: session.enrolmentDeadline,
      deadline: formatMoment(session.enrolmentDeadline),
      capacity: session.capacity,
      seats: seatsText(seatsLeft, session.capacity),
      waitlistLength: counts.waitlisted,
      status: session.status,
      statusText: sessionStatusText(session, started),
      started,
    },
    course: {
      slug: course.slug,
      title: course.title,
      kind: courseKindLabels[course.kind],
      cost: paid ? formatEuro(course.costPerParticipantCents) : null,
    },
    own: ownEnrolment
      ? {
          enrolmentId: ownEnrolment.id,
          status: ownEnrolment.status,
          statusLabel: enrolmentStatusLabels[ownEnrolment.status],
          waitlistText: ownPosition !== null ? waitlistText(ownPosition, counts.waitlisted) : null,
          decisionReason: ownEnrolment.status === "rejected" ? ownEnrolment.decisionReason : null,
          attendance: ownEnrolment.attendance
            ? attendanceStatusLabels[ownEnrolment.attendance]
            : null,
          cancellable: mayStillCancel(ownEnrolment.status, startsAt, now),
        }
      : null,
    enrol: {
      // The form shows only when it can succeed; the service decides again on submit.
      allowed: mayEnrol && !active && window.open,
      // Why there is no form, for someone who is not enrolled.
      closedText: !active && !window.open ? closedReasonLabels[window.reason] : null,
      outcome: enrolOutcome,
    },
    participants,
    canDecide,
    manage: canManage
      ? { edit: session.status === "planned", cancel: session.status === "planned" && !started }
      : null,
    // Attendance is registered once the session has begun, for the confirmed participants.
    attendanceOpen: canDecide && started && session.status !== "cancelled",
  };
}

// ---- Action ----

function answer(payload: SessionAnswer, status = 400) {
  return data(payload, { status });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request);
  const sessionId = sessionIdFrom(params);
  const { course } = requireSession(sessionId, user.appRole);
  const db = getDb();
  const address = clientAddressOf(context);
  const back = `/sessies/${sessionId}`;
  const formData = await readForm(request);

  const parsedIntent = intentSchema.safeParse(formData.get("intent"));
  if (!parsedIntent.success) {
    return answer({
      intent: null,
      enrolmentId: null,
      result: { status: "error", error: { "": ["Onbekende handeling."] } },
    });
  }
  const intent = parsedIntent.data;

  /** The enrolment posted must belong to this session; anything else does not exist here. */
  function requireEnrolmentHere(enrolmentId: number) {
    const enrolment = getEnrolment(db, enrolmentId);
    if (!enrolment || enrolment.sessionId !== sessionId) throw enrolmentNotFound();
    return enrolment;
  }

  function refused(
    result: Extract<EnrolmentResult, { ok: false }>,
    reply: (options: {
      formErrors?: string[];
      fieldErrors?: Record<string, string[]>;
    }) => SubmissionResult<string[]>,
    enrolmentId: number | null,
  ) {
    if (result.notFound) throw enrolmentNotFound();
    // Only the reject form has a field of its own; any other refusal belongs to the whole form.
    const errors =
      intent === "reject" && result.field === "reason"
        ? { fieldErrors: { reason: [result.message] } }
        : { formErrors: [result.message] };
    return answer({ intent, enrolmentId, result: reply(errors) });
  }

  switch (intent) {
    case "enrol": {
      requireAllowed(user.appRole, "enrolments:enrol");
      const submission = parseWithZod(formData, { schema: z.object({}) });
      const result = await enrolInSession(sessionId, user, address);
      if (!result.ok) return refused(result, submission.reply, null);
      const { status, waitlistPosition: position } = result.value;
      return redirectWithFlash(back, {
        kind: "success",
        message:
          status === "confirmed"
            ? `U bent ingeschreven voor ${course.title}.`
            : status === "waitlisted"
              ? `De sessie is vol. U staat op plaats ${position ?? "?"} van de wachtlijst.`
              : "Uw aanmelding is ontvangen. Een coördinator beoordeelt haar, omdat aan deze opleiding kosten zijn verbonden.",
      });
    }
    case "cancel": {
      const submission = parseWithZod(formData, { schema: enrolmentSchema });
      if (submission.status !== "success") {
        return answer({ intent, enrolmentId: null, result: submission.reply() });
      }
      const enrolmentId = submission.value.enrolmentId;
      const enrolment = requireEnrolmentHere(enrolmentId);
      const own = enrolment.memberId === user.id;
      if (own) {
        requireAllowed(user.appRole, "enrolments:enrol");
      } else if (!can(user.appRole, "enrolments:decide")) {
        // Someone who cannot see other people's enrolments learns nothing about them.
        if (!can(user.appRole, "enrolments:view-participants")) throw enrolmentNotFound();
        throw forbidden();
      }
      const result = await cancelEnrolment(enrolmentId, user, address);
      if (!result.ok) return refused(result, submission.reply, enrolmentId);
      const promoted = result.value.promotedIds.length;
      const moved =
        promoted === 0
          ? ""
          : promoted === 1
            ? " De eerste op de wachtlijst schuift door."
            : ` ${promoted} wachtenden schuiven door.`;
      return redirectWithFlash(back, {
        kind: "success",
        message: own ? "U bent afgemeld voor deze sessie." : `De inschrijving is afgemeld.${moved}`,
      });
    }
    case "approve": {
      requireAllowed(user.appRole, "enrolments:decide");
      const submission = parseWithZod(formData, { schema: enrolmentSchema });
      if (submission.status !== "success") {
        return answer({ intent, enrolmentId: null, result: submission.reply() });
      }
      const enrolmentId = submission.value.enrolmentId;
      requireEnrolmentHere(enrolmentId);
      const result = await approveEnrolment(enrolmentId, user, address);
      if (!result.ok) return refused(result, submission.reply, enrolmentId);
      return redirectWithFlash(back, {
        kind: "success",
        message:
          "De aanvraag is goedgekeurd; de kosten staan als verplichting op het opleidingsbudget.",
      });
    }
    case "reject": {
      requireAllowed(user.appRole, "enrolments:decide");
      const submission = parseWithZod(formData, { schema: rejectSchema });
      const postedId = Number(formData.get("enrolmentId"));
      const formEnrolmentId = Number.isSafeInteger(postedId) && postedId > 0 ? postedId : null;
      if (submission.status !== "success") {
        if (formEnrolmentId !== null) requireEnrolmentHere(formEnrolmentId);
        return answer({ intent, enrolmentId: formEnrolmentId, result: submission.reply() });
      }
      const { enrolmentId, reason } = submission.value;
      requireEnrolmentHere(enrolmentId);
      const result = await rejectEnrolment(enrolmentId, reason, user, address);
      if (!result.ok) return refused(result, submission.reply, enrolmentId);
      return redirectWithFlash(back, { kind: "success", message: "De aanvraag is afgewezen." });
    }
    case "attendance": {
      requireAllowed(user.appRole, "enrolments:decide");
      const submission = parseWithZod(formData, { schema: attendanceSchema });
      if (submission.status !== "success") {
        return answer({ intent, enrolmentId: null, result: submission.reply() });
      }
      const here = new Set(
        listSessionEnrolments(db, sessionId, enrolmentStatuses).map((row) => row.id),
      );
      if (submission.value.marks.some((mark) => !here.has(mark.enrolmentId))) {
        throw enrolmentNotFound();
      }
      const result = await registerAttendance(sessionId, submission.value.marks, user, address);
      if (!result.ok) return refused(result, submission.reply, null);
      const realised = result.value.realisedCents;
      return redirectWithFlash(back, {
        kind: "success",
        message:
          realised > 0
            ? `De aanwezigheid is vastgelegd; ${formatEuro(realised)} is als realisatie op het opleidingsbudget geboekt.`
            : "De aanwezigheid is vastgelegd.",
      });
    }
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!data) return [{ title: `${errorTitle(error)} · Gildeportaal OGW` }];
  return [{ title: `${data.course.title}, ${data.session.date} · Sessie · Gildeportaal OGW` }];
};

// ---- Page ----

export default function SessionDetail() {
  const { session, course, own, enrol, participants, canDecide, manage, attendanceOpen } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const strayErrors = answerErrorsWithoutForm(actionData, {
    own,
    enrol,
    participants,
    canDecide,
    attendanceOpen,
  });

  return (
    <article aria-labelledby="sessie-titel">
      <p>
        <Link to={`/catalogus/${course.slug}`}>Terug naar {course.title}</Link>
      </p>
      <h1 id="sessie-titel">{course.title}</h1>
      <p className="lead">
        <span className="kind-label">{course.kind}</span>{" "}
        <time dateTime={session.startsAt}>{session.when}</time>
      </p>
      <FormErrors errors={strayErrors} />

      {manage && (manage.edit || manage.cancel) ? (
        <ul className="inline-actions inline-actions--buttons">
          {manage.edit ? (
            <li>
              <Link className="button button--secondary" to={`/sessies/${session.id}/bewerken`}>
                Sessie bewerken
              </Link>
            </li>
          ) : null}
          {manage.cancel ? (
            <li>
              <Link className="button button--secondary" to={`/sessies/${session.id}/annuleren`}>
                Sessie annuleren
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}

      <dl className="details">
        <dt>Opleiding</dt>
        <dd>
          <Link to={`/catalogus/${course.slug}`}>{course.title}</Link>
        </dd>
        <dt>Soort</dt>
        <dd>{course.kind}</dd>
        <dt>Datum</dt>
        <dd>
          <time dateTime={session.startsAt}>{session.date}</time>
        </dd>
        <dt>Tijd</dt>
        <dd>{session.time}</dd>
        <dt>Plaats</dt>
        <dd>
          {session.location ?? null}
          {session.location && session.onlineUrl ? " en " : null}
          {session.onlineUrl ? <a href={session.onlineUrl}>online deelnemen</a> : null}
          {!session.location && !session.onlineUrl ? "Nog niet bekend" : null}
        </dd>
        <dt>Inschrijven tot</dt>
        <dd>
          <time dateTime={session.deadlineAt}>{session.deadline}</time>
        </dd>
        <dt>Kosten per deelnemer</dt>
        <dd>{course.cost ?? "Gratis"}</dd>
        <dt>Plaatsen</dt>
        <dd>{session.status === "cancelled" ? `${session.capacity}` : session.seats}</dd>
        <dt>Wachtlijst</dt>
        <dd>
          {session.waitlistLength === 0
            ? "Niemand"
            : session.waitlistLength === 1
              ? "1 persoon"
              : `${session.waitlistLength} personen`}
        </dd>
        <dt>Status</dt>
        <dd>
          {session.status === "cancelled" ? (
            <strong className="session-status--cancelled">{session.statusText}</strong>
          ) : (
            session.statusText
          )}
        </dd>
      </dl>
      <p>
        <a href={`/sessies/${session.id}/ics`}>Zet in agenda (.ics)</a>
      </p>

      <OwnEnrolmentSection own={own} enrol={enrol} answer={actionData} />

      {participants ? (
        <ParticipantsSection
          sessionId={session.id}
          participants={participants}
          canDecide={canDecide}
          attendanceOpen={attendanceOpen}
          answer={actionData}
        />
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
