// The member directory: find colleagues in the guild by name, team, expertise, department or OGW
// role. A plain GET form, so that it works without JavaScript and its URLs can be shared.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import { amsterdamDateOf } from "#app/domain/budget-report.ts";
import { membershipStanding, membershipStandingLabels } from "#app/domain/profile.ts";
import { ogwRoleLabels, ogwRoles, type OgwRole } from "#app/domain/roles.ts";
import {
  MAX_SEARCH_WORDS,
  searchMembers,
  searchWords,
  type DirectoryCriteria,
} from "#app/models/members.server.ts";
import { listDepartments } from "#app/models/users.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import { getDb } from "#db/client.server.ts";

/** Query parameter names, in Dutch because they show in the address bar. */
const params = {
  q: "q",
  department: "afdeling",
  ogwRole: "rol",
  includeFormer: "oud-leden",
  page: "pagina",
} as const;

const PAGE_SIZE = 50;
const MAX_SEARCH_LENGTH = 100;
const TAGS_SHOWN = 5;

type FormValues = { q: string; department: string; ogwRole: string; includeFormer: boolean };
type FieldNotes = Partial<Record<"q" | "department" | "ogwRole", string>>;

/**
 * Reads the form from the URL. A value that is not understood is left out of the search and
 * explained next to its field; the page never fails on a typed or truncated URL.
 */
function readFilters(search: URLSearchParams, departmentIds: ReadonlySet<number>, today: string) {
  const read = (name: string) => (search.get(name) ?? "").trim();
  const criteria: DirectoryCriteria = { includeFormer: read(params.includeFormer) === "ja", today };
  const values: FormValues = {
    q: "",
    department: "",
    ogwRole: "",
    includeFormer: criteria.includeFormer,
  };
  const notes: FieldNotes = {};

  const q = read(params.q);
  if (q !== "") {
    values.q = q.slice(0, MAX_SEARCH_LENGTH);
    const { words, dropped } = searchWords(values.q);
    if (values.q.length < q.length) {
      notes.q = `De zoektekst is ingekort tot ${MAX_SEARCH_LENGTH} tekens.`;
    } else if (words.length === 0) {
      notes.q = "Gebruik letters of cijfers om te zoeken; er is niet op tekst gezocht.";
    } else if (dropped > 0) {
      notes.q = `Alleen op de eerste ${MAX_SEARCH_WORDS} woorden is gezocht.`;
    }
    if (words.length > 0) criteria.words = words;
  }

  const department = read(params.department);
  if (department !== "") {
    const id = /^\d{1,15}$/.test(department) ? Number(department) : NaN;
    if (departmentIds.has(id)) {
      criteria.departmentId = id;
      values.department = department;
    } else {
      notes.department = "Deze afdeling bestaat niet; er is niet op afdeling gefilterd.";
    }
  }

  const role = read(params.ogwRole);
  if (role !== "") {
    if ((ogwRoles as readonly string[]).includes(role)) {
      criteria.ogwRole = role as OgwRole;
      values.ogwRole = role;
    } else {
      notes.ogwRole = "Deze OGW-rol bestaat niet; er is niet op rol gefilterd.";
    }
  }

  // pagina=abc, 0 or -3 is page 1; a page past the end is the last one (the model clamps it).
  const pageText = read(params.page);
  const page = /^\d+$/.test(pageText)
    ? Math.max(1, Math.min(Number(pageText), Number.MAX_SAFE_INTEGER))
    : 1;
  return { criteria, values, notes, page };
}

/** The directory's URL for the accepted filters and a page; the first page has no number. */
function directoryHref(values: FormValues, page: number): string {
  const search = new URLSearchParams();
  if (values.q) search.set(params.q, values.q);
  if (values.department) search.set(params.department, values.department);
  if (values.ogwRole) search.set(params.ogwRole, values.ogwRole);
  if (values.includeFormer) search.set(params.includeFormer, "ja");
  if (page > 1) search.set(params.page, String(page));
  const query = search.toString();
  return query ? `/leden?${query}` : "/leden";
}

function formatMemberCount(total: number): string {
  if (total === 0) return "Geen leden gevonden";
  return total === 1 ? "1 lid gevonden" : `${total} leden gevonden`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "members:view");
  const db = getDb();
  const departments = listDepartments(db);
  const today = amsterdamDateOf(new Date());
  const { criteria, values, notes, page } = readFilters(
    new URL(request.url).searchParams,
    new Set(departments.map((department) => department.id)),
    today,
  );
  const result = searchMembers(db, criteria, { page, pageSize: PAGE_SIZE });

  return {
    values,
    notes,
    options: {
      departments: departments.map((department) => ({
        value: String(department.id),
        label: department.name,
      })),
      roles: ogwRoles.map((role) => ({ value: role, label: ogwRoleLabels[role] })),
    },
    total: result.total,
    resultCount: formatMemberCount(result.total),
    page: result.page,
    pageCount: result.pageCount,
    previousHref: result.page > 1 ? directoryHref(values, result.page - 1) : null,
    nextHref: result.page < result.pageCount ? directoryHref(values, result.page + 1) : null,
    members: result.members.map((member) => ({
      id: member.id,
      name: member.name,
      department: member.departmentName,
      team: member.team,
      ogwRole: ogwRoleLabels[member.ogwRole],
      expertise: member.expertise.slice(0, TAGS_SHOWN),
      moreExpertise: Math.max(0, member.expertise.length - TAGS_SHOWN),
      former:
        membershipStanding(member.guildJoinedOn, member.guildLeftOn, today) === "former"
          ? membershipStandingLabels.former
          : null,
    })),
  };
}

export const meta: MetaFunction = () => [
  { title: "Leden · Gildeportaal OGW" },
  {
    name: "description",
    content: "Vind collega's in het gilde op naam, team, expertise, afdeling of OGW-rol.",
  },
];

function FieldNote({ id, note }: { id: string; note: string | undefined }) {
  return note ? (
    <p id={id} className="field-error">
      {note}
    </p>
  ) : null;
}

type Option = { value: string; label: string };

function SelectField(props: {
  id: string;
  label: string;
  name: string;
  defaultValue: string;
  allLabel: string;
  options: readonly Option[];
  note: string | undefined;
}) {
  const noteId = `${props.id}-melding`;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        name={props.name}
        defaultValue={props.defaultValue}
        aria-invalid={props.note ? true : undefined}
        aria-describedby={props.note ? noteId : undefined}
      >
        <option value="">{props.allLabel}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldNote id={noteId} note={props.note} />
    </div>
  );
}

export default function MemberDirectory() {
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  const { values, notes, options } = data;
  const searchDescribedBy = ["zoek-leden-hint", notes.q ? "zoek-leden-melding" : null]
    .filter(Boolean)
    .join(" ");

  return (
    <>
      <h1>Leden</h1>
      <p className="lead">
        Vind collega's in het gilde: op naam, team of expertise, en op afdeling of OGW-rol.
      </p>

      {/* Keyed on the query so that the fields follow the URL after client-side navigation too. */}
      <Form
        key={location.search}
        method="get"
        action="/leden"
        className="catalogue-filters"
        role="search"
        aria-labelledby="leden-zoeken-titel"
      >
        <h2 id="leden-zoeken-titel" className="catalogue-filters__title">
          Leden zoeken
        </h2>
        <div className="catalogue-filters__fields">
          <div className="field">
            <label htmlFor="zoek-leden">Zoeken</label>
            <p id="zoek-leden-hint" className="field-hint">
              Naam, team, expertise of een woord uit de introductie.
            </p>
            <input
              id="zoek-leden"
              type="search"
              name={params.q}
              defaultValue={values.q}
              maxLength={MAX_SEARCH_LENGTH}
              aria-describedby={searchDescribedBy}
            />
            <FieldNote id="zoek-leden-melding" note={notes.q} />
          </div>
          <SelectField
            id="filter-afdeling"
            label="Afdeling"
            name={params.department}
            defaultValue={values.department}
            allLabel="Alle afdelingen"
            options={options.departments}
            note={notes.department}
          />
          <SelectField
            id="filter-ogw-rol"
            label="OGW-rol"
            name={params.ogwRole}
            defaultValue={values.ogwRole}
            allLabel="Alle rollen"
            options={options.roles}
            note={notes.ogwRole}
          />
        </div>
        <div className="field field--check">
          <input
            id="filter-oud-leden"
            type="checkbox"
            name={params.includeFormer}
            value="ja"
            defaultChecked={values.includeFormer}
          />
          <label htmlFor="filter-oud-leden">Ook oud-leden tonen</label>
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            Zoeken
          </button>
          <Link to="/leden">Zoekopdracht wissen</Link>
        </div>
      </Form>

      <p className="catalogue-count" role="status">
        {data.resultCount}
      </p>

      {data.members.length > 0 ? (
        <div className="table-wrapper">
          <table className="member-table">
            <caption className="visually-hidden">
              Gevonden leden, pagina {data.page} van {data.pageCount}
            </caption>
            <thead>
              <tr>
                <th scope="col">Naam</th>
                <th scope="col">Afdeling</th>
                <th scope="col">Team</th>
                <th scope="col">OGW-rol</th>
                <th scope="col">Expertise</th>
              </tr>
            </thead>
            <tbody>
              {data.members.map((member) => (
                <tr key={member.id}>
                  <th scope="row">
                    <Link to={`/leden/${member.id}`}>{member.name}</Link>
                    {member.former ? (
                      <>
                        {" "}
                        <span className="status-badge">{member.former}</span>
                      </>
                    ) : null}
                  </th>
                  <td>{member.department ?? "–"}</td>
                  <td>{member.team ?? "–"}</td>
                  <td>{member.ogwRole}</td>
                  <td>
                    {member.expertise.length > 0 ? (
                      <ul className="tag-list">
                        {member.expertise.map((tag) => (
                          <li key={tag} className="tag">
                            {tag}
                          </li>
                        ))}
                        {member.moreExpertise > 0 ? (
                          <li className="tag-list__more">en {member.moreExpertise} meer</li>
                        ) : null}
                      </ul>
                    ) : (
                      "–"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Probeer een andere zoekterm of minder filters.</p>
      )}

      <Pagination
        label="Pagina's met leden"
        page={data.page}
        pageCount={data.pageCount}
        previousHref={data.previousHref}
        nextHref={data.nextHref}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
