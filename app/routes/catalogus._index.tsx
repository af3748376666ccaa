// The catalogue: every activity a member can take part in, with a plain GET filter form.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { FilterActions, FilterOutcome, FilterSelect } from "#app/components/filters.tsx";
import { openForEnrolment } from "#app/domain/catalogue.ts";
import { courseKindLabels } from "#app/domain/catalogue-admin.ts";
import { ogwRoleLabels, ogwRoles } from "#app/domain/roles.ts";
import { listCatalogue, listLearningGoals } from "#app/models/catalogue.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import {
  filterParams,
  MAX_SEARCH_LENGTH,
  parseCatalogueFilters,
} from "#app/utils/catalogue-filters.ts";
import {
  formatCostPerParticipant,
  formatMoment,
  formatResultCount,
  formatSeatsLeft,
  formatSessionWhen,
} from "#app/utils/catalogue-format.ts";
import { can } from "#app/utils/permissions.ts";
import { getDb } from "#db/client.server.ts";
import { courseKinds } from "#db/schema.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "catalogue:view");
  const db = getDb();
  const canManage = can(user.appRole, "catalogue:manage");
  const goals = listLearningGoals(db);
  const parsed = parseCatalogueFilters(new URL(request.url).searchParams, {
    learningGoalSlugs: goals.map((goal) => goal.slug),
  });
  const now = new Date();
  const entries = listCatalogue(db, parsed.filters, now, { includeUnpublished: canManage });

  return {
    canManage,
    values: parsed.values,
    notes: parsed.notes,
    filtered: parsed.active,
    options: {
      kinds: courseKinds.map((kind) => ({ value: kind, label: courseKindLabels[kind] })),
      roles: ogwRoles.map((role) => ({ value: role, label: ogwRoleLabels[role] })),
      goals: goals.map((goal) => ({ value: goal.slug, label: goal.title })),
    },
    resultCount: formatResultCount(entries.length),
    courses: entries.map((entry) => ({
      slug: entry.slug,
      title: entry.title,
      kind: courseKindLabels[entry.kind],
      summary: entry.summary,
      provider: entry.provider,
      published: entry.published,
      cost: formatCostPerParticipant(entry.costPerParticipantCents),
      roles: entry.targetRoles.map((role) => ogwRoleLabels[role]),
      nextSession: entry.nextSession
        ? {
            startsAt: entry.nextSession.startsAt,
            when: formatSessionWhen(entry.nextSession.startsAt, entry.nextSession.endsAt),
            seats: formatSeatsLeft(entry.nextSession.seatsLeft),
            // Past the deadline the date alone would read as an invitation.
            deadline: openForEnrolment(
              {
                status: "planned",
                startsAt: new Date(entry.nextSession.startsAt),
                enrolmentDeadline: new Date(entry.nextSession.enrolmentDeadline),
              },
              now,
            ).open
              ? formatMoment(entry.nextSession.enrolmentDeadline)
              : `Gesloten (was tot ${formatMoment(entry.nextSession.enrolmentDeadline)})`,
            deadlineAt: entry.nextSession.enrolmentDeadline,
          }
        : null,
    })),
  };
}

export const meta: MetaFunction = () => [
  { title: "Catalogus · Gildeportaal OGW" },
  { name: "description", content: "Opleidingen en kennissessies over opgavegericht werken." },
];

export default function Catalogue() {
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  const { values, options } = data;
  return (
    <>
      <h1>Catalogus</h1>
      <p className="lead">
        In-house opleidingen, kennissessies en individuele verdiepende opleidingen over
        opgavegericht werken.
      </p>
      {data.canManage ? (
        <p>
          <Link className="button" to="/catalogus/nieuw">
            Nieuwe activiteit
          </Link>
        </p>
      ) : null}

      {/* Keyed on the query so that the fields follow the URL after client-side navigation too. */}
      <Form
        key={location.search}
        method="get"
        action="/catalogus"
        className="catalogue-filters"
        role="search"
        aria-labelledby="filters-title"
      >
        <h2 id="filters-title" className="catalogue-filters__title">
          Filteren
        </h2>
        <div className="catalogue-filters__fields">
          <FilterSelect
            id="filter-soort"
            label="Soort"
            name={filterParams.kind}
            defaultValue={values.kind}
            allLabel="Alle soorten"
            options={options.kinds}
          />
          <FilterSelect
            id="filter-rol"
            label="OGW-rol"
            name={filterParams.ogwRole}
            defaultValue={values.ogwRole}
            allLabel="Alle rollen"
            options={options.roles}
          />
          <FilterSelect
            id="filter-leerdoel"
            label="Leerdoel"
            name={filterParams.learningGoal}
            defaultValue={values.learningGoal}
            allLabel="Alle leerdoelen"
            options={options.goals}
          />
          <div className="field">
            <label htmlFor="filter-van">Periode van</label>
            <input
              id="filter-van"
              type="date"
              name={filterParams.from}
              defaultValue={values.from}
            />
          </div>
          <div className="field">
            <label htmlFor="filter-tot">Periode tot en met</label>
            <input id="filter-tot" type="date" name={filterParams.to} defaultValue={values.to} />
          </div>
          <div className="field">
            <label htmlFor="filter-zoek">Zoeken</label>
            <p id="filter-zoek-hint" className="field-hint">
              In titel, samenvatting en aanbieder.
            </p>
            <input
              id="filter-zoek"
              type="search"
              name={filterParams.q}
              defaultValue={values.q}
              maxLength={MAX_SEARCH_LENGTH}
              aria-describedby="filter-zoek-hint"
            />
          </div>
        </div>
        <FilterActions clearTo="/catalogus" />
      </Form>

      <FilterOutcome notes={data.notes} count={data.resultCount} />

      {data.courses.length > 0 ? (
        <ul className="course-list">
          {data.courses.map((course) => (
            <li key={course.slug}>
              <article className="course-card" aria-labelledby={`cursus-${course.slug}`}>
                <h2 id={`cursus-${course.slug}`} className="course-card__title">
                  <Link to={`/catalogus/${course.slug}`}>{course.title}</Link>
                </h2>
                <p className="course-card__labels">
                  <span className="kind-label">{course.kind}</span>{" "}
                  {course.published ? null : (
                    <span className="status-badge">Niet gepubliceerd</span>
                  )}
                </p>
                <p>{course.summary}</p>
                <dl className="details course-card__facts">
                  <dt>Kosten per deelnemer</dt>
                  <dd>{course.cost}</dd>
                  <dt>Aanbieder</dt>
                  <dd>{course.provider}</dd>
                  {course.roles.length > 0 ? (
                    <>
                      <dt>Voor</dt>
                      <dd>{course.roles.join(", ")}</dd>
                    </>
                  ) : null}
                  <dt>Eerstvolgende sessie</dt>
                  {course.nextSession ? (
                    <>
                      <dd>
                        <time dateTime={course.nextSession.startsAt}>
                          {course.nextSession.when}
                        </time>
                      </dd>
                      <dt>Plaatsen</dt>
                      <dd>{course.nextSession.seats}</dd>
                      <dt>Inschrijven tot</dt>
                      <dd>
                        <time dateTime={course.nextSession.deadlineAt}>
                          {course.nextSession.deadline}
                        </time>
                      </dd>
                    </>
                  ) : (
                    <dd>Geen geplande sessies</dd>
                  )}
                </dl>
              </article>
            </li>
          ))}
        </ul>
      ) : (
        <p>
          {data.filtered
            ? "Probeer minder filters, of een andere zoekterm."
            : "De catalogus is nog leeg."}
        </p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
