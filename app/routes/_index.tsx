// The dashboard: who you are in the guild and where to go next.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { formatFigure } from "#app/components/evaluation-report.tsx";
import { enrolmentStatusLabels, isActiveEnrolment } from "#app/domain/enrolment.ts";
import { ogwRoleLabels } from "#app/domain/roles.ts";
import { formatEuro } from "#app/domain/money.ts";
import { getBudgetFigures, getCurrentBudget } from "#app/models/budget.server.ts";
import { listUpcomingSessions } from "#app/models/catalogue.server.ts";
import { listMemberEnrolments } from "#app/models/enrolments.server.ts";
import { findDepartment } from "#app/models/users.server.ts";
import { requireUser } from "#app/utils/auth.server.ts";
import { formatSessionWhen } from "#app/utils/catalogue-format.ts";
import { currentHalfYearSummary } from "#app/utils/evaluation-report.server.ts";
import { can } from "#app/utils/permissions.ts";
import { getDb } from "#db/client.server.ts";

const timeZone = "Europe/Amsterdam";
const MY_ENROLMENTS_SHOWN = 5;

function greetingAt(now: Date): string {
  const hour = Number(
    new Intl.DateTimeFormat("nl-NL", { hour: "numeric", hourCycle: "h23", timeZone }).format(now),
  );
  if (hour < 12) return "Goedemorgen";
  if (hour < 18) return "Goedemiddag";
  return "Goedenavond";
}

function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? fullName;
}

/** The current budget's balance in words, for those who watch the money. */
function budgetTile() {
  const db = getDb();
  const budget = getCurrentBudget(db);
  if (!budget) return null;
  const figures = getBudgetFigures(db, budget.id);
  return {
    name: budget.name,
    available: formatEuro(figures.availableCents),
    committed: formatEuro(figures.committedCents),
    actual: formatEuro(figures.actualCents),
    pending: formatEuro(figures.pendingCents),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  // Greeting and date are made here, in Dutch time, so server and browser never disagree.
  const now = new Date();
  const department = user.departmentId ? findDepartment(getDb(), user.departmentId) : undefined;
  return {
    greeting: `${greetingAt(now)}, ${firstName(user.name)}`,
    today: new Intl.DateTimeFormat("nl-NL", { dateStyle: "full", timeZone }).format(now),
    ogwRole: ogwRoleLabels[user.ogwRole],
    department: department ? department.name : null,
    canManageUsers: can(user.appRole, "users:manage"),
    // A few headline figures of the half-year that is running, for those who see the reports.
    halfYear: can(user.appRole, "reports:view") ? currentHalfYearSummary(getDb(), now) : null,
    budget: can(user.appRole, "budget:view") ? budgetTile() : null,
    upcoming: can(user.appRole, "catalogue:view")
      ? listUpcomingSessions(getDb(), now, 3).map((session) => ({
          id: session.id,
          courseSlug: session.courseSlug,
          courseTitle: session.courseTitle,
          startsAt: session.startsAt,
          when: formatSessionWhen(session.startsAt, session.endsAt),
        }))
      : null,
    // The user's own enrolments still to come, soonest first (the model lists the latest first).
    myEnrolments: can(user.appRole, "enrolments:enrol")
      ? listMemberEnrolments(getDb(), user.id)
          .filter(
            (row) =>
              isActiveEnrolment(row.status) && new Date(row.startsAt).getTime() > now.getTime(),
          )
          .reverse()
          .slice(0, MY_ENROLMENTS_SHOWN)
          .map((row) => ({
            id: row.id,
            sessionId: row.sessionId,
            courseTitle: row.courseTitle,
            startsAt: row.startsAt,
            when: formatSessionWhen(row.startsAt, row.endsAt),
            status:
              row.status === "waitlisted" && row.waitlistPosition !== null
                ? `Op de wachtlijst (plaats ${row.waitlistPosition})`
                : enrolmentStatusLabels[row.status],
          }))
      : null,
  };
}

export const meta: MetaFunction = () => [{ title: "Overzicht · Gildeportaal OGW" }];

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{data.greeting}</h1>
      <p className="dashboard__date">Het is vandaag {data.today}.</p>

      <div className="panels">
        <section className="panel" aria-labelledby="uw-gegevens">
          <h2 id="uw-gegevens">Uw plek in het gilde</h2>
          <dl className="details">
            <dt>OGW-rol</dt>
            <dd>{data.ogwRole}</dd>
            <dt>Afdeling</dt>
            <dd>{data.department ?? "Nog niet vastgelegd"}</dd>
          </dl>
        </section>

        {data.upcoming ? (
          <section className="panel" aria-labelledby="binnenkort">
            <h2 id="binnenkort">Binnenkort</h2>
            {data.upcoming.length > 0 ? (
              <ul className="upcoming-list">
                {data.upcoming.map((session) => (
                  <li key={session.id}>
                    <Link to={`/catalogus/${session.courseSlug}`}>{session.courseTitle}</Link>
                    <br />
                    <time dateTime={session.startsAt}>{session.when}</time>
                  </li>
                ))}
              </ul>
            ) : (
              <p>Er staan nog geen sessies gepland.</p>
            )}
            <p>
              <Link to="/catalogus">Bekijk de hele catalogus</Link>
            </p>
          </section>
        ) : null}

        {data.myEnrolments ? (
          <section className="panel" aria-labelledby="mijn-inschrijvingen">
            <h2 id="mijn-inschrijvingen">Mijn inschrijvingen</h2>
            {data.myEnrolments.length > 0 ? (
              <ul className="upcoming-list">
                {data.myEnrolments.map((enrolment) => (
                  <li key={enrolment.id}>
                    <Link to={`/sessies/${enrolment.sessionId}`}>{enrolment.courseTitle}</Link>
                    <br />
                    <time dateTime={enrolment.startsAt}>{enrolment.when}</time>
                    <br />
                    {enrolment.status}
                  </li>
                ))}
              </ul>
            ) : (
              <p>U staat nergens voor ingeschreven.</p>
            )}
            <p>
              <Link to="/mijn-inschrijvingen">Al uw inschrijvingen</Link>
            </p>
          </section>
        ) : null}

        {data.budget ? (
          <section className="panel" aria-labelledby="budget-stand">
            <h2 id="budget-stand">Budget</h2>
            <p className="muted">{data.budget.name}</p>
            <dl className="details">
              <dt>Beschikbaar</dt>
              <dd>{data.budget.available}</dd>
              <dt>Verplicht</dt>
              <dd>{data.budget.committed}</dd>
              <dt>Gerealiseerd</dt>
              <dd>{data.budget.actual}</dd>
              <dt>In aanvraag</dt>
              <dd>{data.budget.pending}</dd>
            </dl>
            <p>
              <Link to="/budget">Naar het budget</Link>
            </p>
          </section>
        ) : null}

        {data.halfYear ? (
          <section className="panel" aria-labelledby="dit-halfjaar">
            <h2 id="dit-halfjaar">Dit halfjaar</h2>
            <p className="muted">
              {data.halfYear.label} tot nu toe ({data.halfYear.halfYear}).
            </p>
            <dl className="dashboard-figures">
              {data.halfYear.figures.map((figure) => (
                <div key={figure.key} className="dashboard-figures__item">
                  <dt className="dashboard-figures__label">{figure.label}</dt>
                  <dd className="dashboard-figures__value">
                    {formatFigure(figure.current, figure.format) ?? "nog geen"}
                  </dd>
                  <dd className="dashboard-figures__note">
                    Vorig halfjaar: {formatFigure(figure.previous, figure.format) ?? "geen"}
                  </dd>
                </div>
              ))}
            </dl>
            <p>
              <Link to="/rapportages">Naar de rapportages</Link>
            </p>
          </section>
        ) : null}

        <section className="panel" aria-labelledby="orientatie">
          <h2 id="orientatie">Wegwijs</h2>
          <ul>
            <li>
              <Link to="/over-ogw">Over opgavegericht werken</Link>: de werksoorten, de rollen en
              wat het gilde doet.
            </li>
            {data.canManageUsers ? (
              <li>
                <Link to="/beheer/gebruikers">Gebruikers beheren</Link>: accounts uitnodigen en
                rollen toekennen.
              </li>
            ) : null}
          </ul>
        </section>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
