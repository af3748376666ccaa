// The enrolment sections of the session page: the viewer's own enrolment with the enrol and cancel
// forms, and for coordinators, P&O and admins the participants, the waitlist, the rejected and
// cancelled, and the coordinator's decisions and attendance.
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { AttendanceStatus, EnrolmentStatus } from "#app/domain/enrolment.ts";
import {
  AttendanceForm,
  EnrolmentButton,
  RejectForm,
  sessionAnswerErrors,
  type SessionAnswer,
} from "./enrolment-forms.tsx";
import { FormErrors } from "./forms.tsx";

/** The viewer's own enrolment in the session: the active one, or else the last one. */
export type OwnEnrolment = {
  enrolmentId: number;
  status: EnrolmentStatus;
  statusLabel: string;
  waitlistText: string | null;
  decisionReason: string | null;
  attendance: string | null;
  cancellable: boolean;
};

/** Whether the viewer can enrol, why not, and what enrolling will do. */
export type EnrolOffer = { allowed: boolean; closedText: string | null; outcome: string };

export type SessionParticipant = {
  id: number;
  memberId: number;
  name: string;
  department: string | null;
  departmentName: string | null;
  ogwRole: string;
  status: EnrolmentStatus;
  statusLabel: string;
  enrolledAt: string;
  enrolledWhen: string;
  attendance: AttendanceStatus | null;
  attendanceLabel: string | null;
  waitlistPosition: number | null;
  decisionReason: string | null;
  own: boolean;
  cancellable: boolean;
  expense: { id: number; status: string; college: string } | null;
};

function groupParticipants(participants: readonly SessionParticipant[]) {
  const seated = participants.filter((p) => p.status === "confirmed" || p.status === "requested");
  return {
    seated,
    requested: seated.filter((p) => p.status === "requested"),
    confirmed: seated.filter((p) => p.status === "confirmed"),
    waitlist: participants.filter((p) => p.status === "waitlisted"),
    closed: participants.filter((p) => p.status === "rejected" || p.status === "cancelled"),
  };
}

/**
 * An answer's message shows beside its own form; when that form is no longer on the page (the
 * enrolment changed in the meantime, or the intent was unknown) it shows at the top instead.
 */
export function answerErrorsWithoutForm(
  answer: SessionAnswer | undefined,
  page: {
    own: OwnEnrolment | null;
    enrol: EnrolOffer;
    participants: SessionParticipant[] | null;
    canDecide: boolean;
    attendanceOpen: boolean;
  },
): string[] {
  if (!answer) return [];
  const formsOnPage = new Set<string>();
  if (page.enrol.allowed) formsOnPage.add("enrol:");
  if (page.own?.cancellable) formsOnPage.add(`cancel:${page.own.enrolmentId}`);
  if (page.canDecide) {
    for (const participant of page.participants ?? []) {
      if (participant.cancellable && !participant.own) formsOnPage.add(`cancel:${participant.id}`);
      if (participant.status === "requested" && !participant.own) {
        formsOnPage.add(`approve:${participant.id}`);
        formsOnPage.add(`reject:${participant.id}`);
      }
    }
  }
  const { confirmed } = groupParticipants(page.participants ?? []);
  if (page.attendanceOpen && confirmed.length > 0) formsOnPage.add("attendance:");
  return formsOnPage.has(`${answer.intent ?? ""}:${answer.enrolmentId ?? ""}`)
    ? []
    : sessionAnswerErrors(answer, answer.intent, answer.enrolmentId);
}

// ---- Your enrolment ----

export function OwnEnrolmentSection({
  own,
  enrol,
  answer,
}: {
  own: OwnEnrolment | null;
  enrol: EnrolOffer;
  answer: SessionAnswer | undefined;
}) {
  const enrolErrors = sessionAnswerErrors(answer, "enrol", null);
  return (
    <section aria-labelledby="uw-inschrijving">
      <h2 id="uw-inschrijving">Uw inschrijving</h2>
      {own ? (
        <dl className="details">
          <dt>Status</dt>
          <dd>{own.statusLabel}</dd>
          {own.waitlistText ? (
            <>
              <dt>Wachtlijst</dt>
              <dd>{own.waitlistText}</dd>
            </>
          ) : null}
          {own.decisionReason ? (
            <>
              <dt>Reden</dt>
              <dd>{own.decisionReason}</dd>
            </>
          ) : null}
          {own.attendance ? (
            <>
              <dt>Aanwezigheid</dt>
              <dd>{own.attendance}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p>U bent niet ingeschreven voor deze sessie.</p>
      )}

      {own?.cancellable ? (
        <EnrolmentButton
          intent="cancel"
          enrolmentId={own.enrolmentId}
          label="Afmelden"
          context="voor deze sessie"
          danger
          errors={sessionAnswerErrors(answer, "cancel", own.enrolmentId)}
        />
      ) : null}

      {enrol.allowed ? (
        <>
          <p>{enrol.outcome}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="enrol" />
            <FormErrors id="inschrijven-fout" errors={enrolErrors} />
            <button
              type="submit"
              className="button"
              aria-describedby={enrolErrors.length > 0 ? "inschrijven-fout" : undefined}
            >
              Inschrijven
            </button>
          </Form>
        </>
      ) : enrol.closedText ? (
        <p>{enrol.closedText} Inschrijven is niet meer mogelijk.</p>
      ) : null}
    </section>
  );
}

// ---- Participants ----

/** The columns every participant table starts with (after the waitlist's place). */
function IdentityHeaders() {
  return (
    <>
      <th scope="col">Naam</th>
      <th scope="col">Afdeling</th>
      <th scope="col">OGW-rol</th>
    </>
  );
}

function IdentityCells({ participant }: { participant: SessionParticipant }) {
  return (
    <>
      <th scope="row">{participant.name}</th>
      <td>
        <Department participant={participant} />
      </td>
      <td>{participant.ogwRole}</td>
    </>
  );
}

function Department({ participant }: { participant: SessionParticipant }) {
  if (!participant.department) return <>–</>;
  return participant.departmentName ? (
    <abbr title={participant.departmentName}>{participant.department}</abbr>
  ) : (
    <>{participant.department}</>
  );
}

function EnrolledCell({ participant }: { participant: SessionParticipant }) {
  return (
    <td>
      <time dateTime={participant.enrolledAt}>{participant.enrolledWhen}</time>
    </td>
  );
}

/** A coordinator cancels someone else's enrolment; their own goes through "Uw inschrijving". */
function CancelForParticipant({
  participant,
  answer,
}: {
  participant: SessionParticipant;
  answer: SessionAnswer | undefined;
}) {
  if (!participant.cancellable || participant.own) return null;
  return (
    <EnrolmentButton
      intent="cancel"
      enrolmentId={participant.id}
      label="Afmelden"
      context={participant.name}
      danger
      errors={sessionAnswerErrors(answer, "cancel", participant.id)}
    />
  );
}

/** The frame of each participant table: the caption, the column headers, a row a participant. */
function ParticipantTable({
  caption,
  captionHidden,
  headers,
  children,
}: {
  caption: ReactNode;
  captionHidden?: boolean;
  headers: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="table-wrapper">
      <table>
        <caption className={captionHidden ? "visually-hidden" : undefined}>{caption}</caption>
        <thead>
          <tr>{headers}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

function SeatedTable({
  seated,
  confirmedCount,
  requestedCount,
  canDecide,
  answer,
}: {
  seated: SessionParticipant[];
  confirmedCount: number;
  requestedCount: number;
  canDecide: boolean;
  answer: SessionAnswer | undefined;
}) {
  return (
    <ParticipantTable
      caption={`Ingeschreven en aangevraagd (${confirmedCount} ingeschreven, ${requestedCount} aangevraagd)`}
      headers={
        <>
          <IdentityHeaders />
          <th scope="col">Status</th>
          <th scope="col">Ingeschreven op</th>
          <th scope="col">Aanwezigheid</th>
          {canDecide ? <th scope="col">Acties</th> : null}
        </>
      }
    >
      {seated.map((participant) => (
        <tr key={participant.id}>
          <IdentityCells participant={participant} />
          <td>
            {participant.statusLabel}
            {participant.expense ? (
              <>
                <br />
                <Link to={`/uitgaven/${participant.expense.id}`}>
                  Uitgave {participant.expense.id}
                </Link>
                : {participant.expense.status}. {participant.expense.college}
              </>
            ) : null}
          </td>
          <EnrolledCell participant={participant} />
          <td>{participant.attendanceLabel ?? "–"}</td>
          {canDecide ? (
            <td>
              {participant.status === "requested" && !participant.own ? (
                <EnrolmentButton
                  intent="approve"
                  enrolmentId={participant.id}
                  label="Goedkeuren"
                  context={`(aanvraag van ${participant.name})`}
                  errors={sessionAnswerErrors(answer, "approve", participant.id)}
                />
              ) : null}
              {participant.status === "requested" && participant.own ? (
                <p className="muted">Uw eigen aanvraag; een andere coördinator beoordeelt haar.</p>
              ) : null}
              <CancelForParticipant participant={participant} answer={answer} />
            </td>
          ) : null}
        </tr>
      ))}
    </ParticipantTable>
  );
}

function WaitlistTable({
  waitlist,
  canDecide,
  answer,
}: {
  waitlist: SessionParticipant[];
  canDecide: boolean;
  answer: SessionAnswer | undefined;
}) {
  return (
    <ParticipantTable
      caption="Wachtlijst, de eerste in de rij bovenaan"
      captionHidden
      headers={
        <>
          <th scope="col" className="numeric">
            Plaats
          </th>
          <IdentityHeaders />
          <th scope="col">Ingeschreven op</th>
          {canDecide ? <th scope="col">Acties</th> : null}
        </>
      }
    >
      {waitlist.map((participant) => (
        <tr key={participant.id}>
          <td className="numeric">{participant.waitlistPosition}</td>
          <IdentityCells participant={participant} />
          <EnrolledCell participant={participant} />
          {canDecide ? (
            <td>
              <CancelForParticipant participant={participant} answer={answer} />
            </td>
          ) : null}
        </tr>
      ))}
    </ParticipantTable>
  );
}

function ClosedTable({ closed }: { closed: SessionParticipant[] }) {
  return (
    <ParticipantTable
      caption="Afgewezen en afgemelde inschrijvingen"
      captionHidden
      headers={
        <>
          <IdentityHeaders />
          <th scope="col">Status</th>
          <th scope="col">Ingeschreven op</th>
          <th scope="col">Reden</th>
        </>
      }
    >
      {closed.map((participant) => (
        <tr key={participant.id}>
          <IdentityCells participant={participant} />
          <td>{participant.statusLabel}</td>
          <EnrolledCell participant={participant} />
          <td>{participant.decisionReason ?? "–"}</td>
        </tr>
      ))}
    </ParticipantTable>
  );
}

export function ParticipantsSection({
  sessionId,
  participants,
  canDecide,
  attendanceOpen,
  answer,
}: {
  sessionId: number;
  participants: SessionParticipant[];
  canDecide: boolean;
  attendanceOpen: boolean;
  answer: SessionAnswer | undefined;
}) {
  const { seated, requested, confirmed, waitlist, closed } = groupParticipants(participants);
  const othersRequested = requested.filter((participant) => !participant.own);
  return (
    <section aria-labelledby="deelnemers">
      <h2 id="deelnemers">Deelnemers</h2>
      <ul className="inline-actions">
        <li>
          <a href={`/sessies/${sessionId}/deelnemers.csv`}>Deelnemers exporteren (CSV)</a>
        </li>
        <li>
          <a href={`/sessies/${sessionId}/deelnemers.xlsx`}>Deelnemers exporteren (Excel)</a>
        </li>
      </ul>
      {seated.length > 0 ? (
        <SeatedTable
          seated={seated}
          confirmedCount={confirmed.length}
          requestedCount={requested.length}
          canDecide={canDecide}
          answer={answer}
        />
      ) : (
        <p>Er is nog niemand ingeschreven.</p>
      )}

      {canDecide && othersRequested.length > 0 ? (
        <section aria-labelledby="aanvragen-afwijzen">
          <h3 id="aanvragen-afwijzen">Aanvragen afwijzen</h3>
          <p>Wijs een aanvraag af met een reden; de plaats komt dan vrij.</p>
          {othersRequested.map((participant) => (
            <RejectForm
              key={participant.id}
              enrolmentId={participant.id}
              name={participant.name}
              answer={answer}
            />
          ))}
        </section>
      ) : null}

      <section aria-labelledby="wachtlijst">
        <h3 id="wachtlijst">Wachtlijst</h3>
        {waitlist.length > 0 ? (
          <WaitlistTable waitlist={waitlist} canDecide={canDecide} answer={answer} />
        ) : (
          <p>Er staat niemand op de wachtlijst.</p>
        )}
      </section>

      {closed.length > 0 ? (
        <details>
          <summary>Afgewezen en afgemeld ({closed.length})</summary>
          <ClosedTable closed={closed} />
        </details>
      ) : null}

      {attendanceOpen ? (
        <section aria-labelledby="aanwezigheid-titel">
          <h3 id="aanwezigheid-titel">Aanwezigheid registreren</h3>
          {confirmed.length > 0 ? (
            <>
              <p>Kies per deelnemer of hij of zij er was, en sla alles in één keer op.</p>
              <AttendanceForm participants={confirmed} answer={answer} />
            </>
          ) : (
            <p>Er zijn geen bevestigde deelnemers om aanwezigheid voor te registreren.</p>
          )}
        </section>
      ) : null}
    </section>
  );
}
