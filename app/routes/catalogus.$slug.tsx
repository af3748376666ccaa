// One activity from the catalogue with its sessions. Not a layout: the maintenance pages under
// /catalogus/:slug/… opt out of nesting with "$slug_" in their file names.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { errorTitle, GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { closedReasonLabels, openForEnrolment } from "#app/domain/catalogue.ts";
import { courseKindLabels } from "#app/domain/catalogue-admin.ts";
import { formatEuro } from "#app/domain/money.ts";
import { ogwRoleLabels } from "#app/domain/roles.ts";
import { getCourseBySlug, type SessionWithSeats } from "#app/models/catalogue.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import {
  formatCostPerParticipant,
  formatDurationHours,
  formatMoment,
  formatSeatsLeft,
  formatSessionDate,
  formatTimeRange,
} from "#app/utils/catalogue-format.ts";
import { slugPattern } from "#app/utils/content.server.ts";
import { renderMarkdown } from "#app/utils/markdown.server.ts";
import { can } from "#app/utils/permissions.ts";
import { getDb } from "#db/client.server.ts";

/**
 * The description sits under the page's own h2 "Beschrijving", so its headings move one level
 * down. Only tags marked renders match: raw HTML in the source arrives escaped ("&lt;h2").
 */
function demoteHeadings(html: string): string {
  return html.replace(
    /<(\/?)h([1-5])(?=[\s>])/g,
    (_tag, slash: string, level: string) => `<${slash}h${Number(level) + 1}`,
  );
}

function sessionStatusText(session: SessionWithSeats, now: Date): string {
  if (session.status === "cancelled") {
    return session.cancelReason ? `Geannuleerd: ${session.cancelReason}` : "Geannuleerd";
  }
  if (session.status === "held") return "Heeft plaatsgevonden";
  const startsAt = new Date(session.startsAt);
  if (startsAt.getTime() <= now.getTime()) return "Afgelopen";
  const verdict = openForEnrolment(
    { status: session.status, startsAt, enrolmentDeadline: new Date(session.enrolmentDeadline) },
    now,
  );
  if (!verdict.open) return closedReasonLabels[verdict.reason];
  return session.seatsLeft > 0 ? "Open voor inschrijving" : "Vol";
}

function sessionView(session: SessionWithSeats, now: Date) {
  const onlineUrl = session.onlineUrl?.trim() ?? "";
  return {
    id: session.id,
    startsAt: session.startsAt,
    date: formatSessionDate(session.startsAt),
    time: formatTimeRange(session.startsAt, session.endsAt),
    location: session.location,
    // Only http(s) becomes a link; anything else was never meant to be clicked.
    onlineUrl: /^https?:\/\//i.test(onlineUrl) ? onlineUrl : null,
    seats: formatSeatsLeft(session.seatsLeft),
    capacity: session.capacity,
    deadline: formatMoment(session.enrolmentDeadline),
    deadlineAt: session.enrolmentDeadline,
    sessionCost: formatEuro(session.sessionCostCents),
    status: session.status,
    statusText: sessionStatusText(session, now),
    // Decided here, not while rendering, so server and browser agree.
    startsInFuture: new Date(session.startsAt).getTime() > now.getTime(),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requirePermission(request, "catalogue:view");
  const canManage = can(user.appRole, "catalogue:manage");
  const slug = params.slug ?? "";
  const course = slugPattern.test(slug)
    ? getCourseBySlug(getDb(), slug, { includeUnpublished: canManage })
    : undefined;
  if (!course) throw new Response("Niet gevonden", { status: 404 });

  const now = new Date();
  const isUpcoming = (session: SessionWithSeats) =>
    session.status !== "held" && new Date(session.startsAt).getTime() > now.getTime();

  return {
    canManage,
    course: {
      slug: course.slug,
      title: course.title,
      kind: courseKindLabels[course.kind],
      summary: course.summary,
      provider: course.provider,
      published: course.published,
      cost: formatCostPerParticipant(course.costPerParticipantCents),
      duration: formatDurationHours(course.durationHours),
      html: demoteHeadings(renderMarkdown(course.body)),
      roles: course.targetRoles.map((role) => ogwRoleLabels[role]),
      learningGoals: course.learningGoals.map((goal) => ({ slug: goal.slug, title: goal.title })),
    },
    upcoming: course.sessions.filter(isUpcoming).map((session) => sessionView(session, now)),
    // Most recent first: that is the one people look for.
    past: course.sessions
      .filter((session) => !isUpcoming(session))
      .reverse()
      .map((session) => sessionView(session, now)),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!data) return [{ title: `${errorTitle(error)} · Gildeportaal OGW` }];
  return [
    { title: `${data.course.title} · Catalogus · Gildeportaal OGW` },
    { name: "description", content: data.course.summary },
  ];
};

type SessionRow = ReturnType<typeof sessionView>;

function Place({ session }: { session: SessionRow }) {
  return (
    <>
      {session.location ? <span className="session-place">{session.location}</span> : null}
      {session.onlineUrl ? (
        <a href={session.onlineUrl} className="session-place">
          Online deelnemen<span className="visually-hidden"> op {session.date}</span>
        </a>
      ) : null}
      {!session.location && !session.onlineUrl ? "Nog niet bekend" : null}
    </>
  );
}

/** The first cells of a session's row in both tables: date (the row header), time and place. */
function SessionWhenAndWhere({ session }: { session: SessionRow }) {
  return (
    <>
      <th scope="row">
        <time dateTime={session.startsAt}>{session.date}</time>
      </th>
      <td>{session.time}</td>
      <td>
        <Place session={session} />
      </td>
    </>
  );
}

/** A cancelled session's status stands out. */
function SessionStatusText({ session }: { session: SessionRow }) {
  return session.status === "cancelled" ? (
    <strong className="session-status--cancelled">{session.statusText}</strong>
  ) : (
    <>{session.statusText}</>
  );
}

function SessionActions({ session, canManage }: { session: SessionRow; canManage: boolean }) {
  const context = <span className="visually-hidden"> (sessie van {session.date})</span>;
  return (
    <ul className="inline-actions">
      <li>
        <Link to={`/sessies/${session.id}`}>
          {session.startsInFuture && session.status === "planned"
            ? "Bekijk sessie en schrijf u in"
            : "Bekijk sessie"}
          {context}
        </Link>
      </li>
      <li>
        {/* A plain link: the .ics is a download, not a page for client-side navigation. */}
        <a href={`/sessies/${session.id}/ics`}>Zet in agenda (.ics){context}</a>
      </li>
      {canManage && session.status === "planned" ? (
        <>
          <li>
            <Link to={`/sessies/${session.id}/bewerken`}>Bewerken{context}</Link>
          </li>
          {session.startsInFuture ? (
            <li>
              <Link to={`/sessies/${session.id}/annuleren`}>Annuleren{context}</Link>
            </li>
          ) : null}
        </>
      ) : null}
    </ul>
  );
}

export default function CourseDetail() {
  const { course, upcoming, past, canManage } = useLoaderData<typeof loader>();
  return (
    <article className="course-detail" aria-labelledby="cursus-titel">
      <p>
        <Link to="/catalogus">Terug naar de catalogus</Link>
      </p>
      <h1 id="cursus-titel">{course.title}</h1>
      <p className="course-card__labels">
        <span className="kind-label">{course.kind}</span>{" "}
        {course.published ? null : <span className="status-badge">Niet gepubliceerd</span>}
      </p>
      <p className="lead">{course.summary}</p>

      {canManage ? (
        <ul className="inline-actions inline-actions--buttons">
          <li>
            <Link className="button button--secondary" to={`/catalogus/${course.slug}/bewerken`}>
              Bewerken
            </Link>
          </li>
          <li>
            <Link
              className="button button--secondary"
              to={`/catalogus/${course.slug}/sessies/nieuw`}
            >
              Sessie toevoegen
            </Link>
          </li>
        </ul>
      ) : null}

      <dl className="details course-detail__facts">
        <dt>Soort</dt>
        <dd>{course.kind}</dd>
        <dt>Aanbieder</dt>
        <dd>{course.provider}</dd>
        <dt>Kosten per deelnemer</dt>
        <dd>{course.cost}</dd>
        <dt>Duur</dt>
        <dd>{course.duration}</dd>
        <dt>Voor</dt>
        <dd>{course.roles.length > 0 ? course.roles.join(", ") : "Iedereen in het gilde"}</dd>
        <dt>Leerdoelen</dt>
        <dd>
          {course.learningGoals.length > 0 ? (
            <ul className="plain-list">
              {course.learningGoals.map((goal) => (
                <li key={goal.slug}>
                  <Link to={`/catalogus?leerdoel=${encodeURIComponent(goal.slug)}`}>
                    {goal.title}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            "Geen leerdoelen vastgelegd"
          )}
        </dd>
      </dl>

      {course.html ? (
        <section className="prose" aria-labelledby="beschrijving">
          <h2 id="beschrijving">Beschrijving</h2>
          {/* renderMarkdown escapes raw HTML and unsafe link targets */}
          <div dangerouslySetInnerHTML={{ __html: course.html }} />
        </section>
      ) : null}

      <section aria-labelledby="komende-sessies">
        <h2 id="komende-sessies">Komende sessies</h2>
        {upcoming.length > 0 ? (
          <div className="table-wrapper">
            <table>
              <caption className="visually-hidden">Komende sessies van {course.title}</caption>
              <thead>
                <tr>
                  <th scope="col">Datum</th>
                  <th scope="col">Tijd</th>
                  <th scope="col">Plaats</th>
                  <th scope="col">Plaatsen</th>
                  <th scope="col">Inschrijven tot</th>
                  <th scope="col">Status</th>
                  {canManage ? (
                    <th scope="col" className="numeric">
                      Kosten sessie
                    </th>
                  ) : null}
                  <th scope="col">Acties</th>
                </tr>
              </thead>
              <tbody>
                {upcoming.map((session) => (
                  <tr key={session.id}>
                    <SessionWhenAndWhere session={session} />
                    <td>{session.status === "cancelled" ? "–" : session.seats}</td>
                    <td>
                      <time dateTime={session.deadlineAt}>{session.deadline}</time>
                    </td>
                    <td>
                      <SessionStatusText session={session} />
                    </td>
                    {canManage ? <td className="numeric">{session.sessionCost}</td> : null}
                    <td>
                      <SessionActions session={session} canManage={canManage} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Er zijn op dit moment geen geplande sessies.</p>
        )}
      </section>

      {past.length > 0 ? (
        <section aria-labelledby="eerdere-sessies">
          <h2 id="eerdere-sessies">Eerdere sessies</h2>
          <div className="table-wrapper">
            <table>
              <caption className="visually-hidden">Eerdere sessies van {course.title}</caption>
              <thead>
                <tr>
                  <th scope="col">Datum</th>
                  <th scope="col">Tijd</th>
                  <th scope="col">Plaats</th>
                  <th scope="col">Status</th>
                  <th scope="col">Acties</th>
                </tr>
              </thead>
              <tbody>
                {past.map((session) => (
                  <tr key={session.id}>
                    <SessionWhenAndWhere session={session} />
                    <td>
                      <SessionStatusText session={session} />
                    </td>
                    <td>
                      <SessionActions session={session} canManage={canManage} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
