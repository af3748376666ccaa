// One member of the guild as colleagues see them: role, expertise, introduction, membership and
// the sessions they attended. Not a layout: /leden/:id/lidmaatschap opts out with "$id_".
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { errorTitle, GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { amsterdamDateOf, formatDutchDate } from "#app/domain/budget-report.ts";
import { membershipStanding, membershipStandingLabels } from "#app/domain/profile.ts";
import { ogwRoleLabels } from "#app/domain/roles.ts";
import { getMemberProfile, listAttendedSessions } from "#app/models/members.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import { formatSessionDate } from "#app/utils/catalogue-format.ts";
import { can } from "#app/utils/permissions.ts";
import { getDb } from "#db/client.server.ts";

function notFound(): Response {
  return new Response("Dit lid bestaat niet.", { status: 404 });
}

/** Plain text as paragraphs (split on blank lines) of lines; never HTML. */
function paragraphsOf(text: string | null): string[][] {
  if (!text) return [];
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.split("\n").map((line) => line.trimEnd()))
    .filter((lines) => lines.some((line) => line.trim() !== ""));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = requirePermission(request, "members:view");
  const raw = params.id ?? "";
  const id = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  const db = getDb();
  // Unknown, invited (not started) and anonymised members all answer the same 404.
  const member = Number.isSafeInteger(id) && id > 0 ? getMemberProfile(db, id) : undefined;
  if (!member) throw notFound();

  const today = amsterdamDateOf(new Date());
  const standing = membershipStanding(member.guildJoinedOn, member.guildLeftOn, today);
  // An unpublished course is only a link for those who can open it.
  const seesUnpublished = can(viewer.appRole, "catalogue:manage");

  return {
    member: {
      id: member.id,
      name: member.name,
      department: member.departmentName,
      team: member.team,
      ogwRole: ogwRoleLabels[member.ogwRole],
      expertise: member.expertise,
      introduction: paragraphsOf(member.introduction),
      deactivated: member.status === "deactivated",
      former: standing === "former" ? membershipStandingLabels.former : null,
      joined: member.guildJoinedOn
        ? {
            label: standing === "future" ? "Lid vanaf" : "Lid sinds",
            date: member.guildJoinedOn,
            text: formatDutchDate(member.guildJoinedOn),
          }
        : null,
      left:
        standing === "former" && member.guildLeftOn
          ? { date: member.guildLeftOn, text: formatDutchDate(member.guildLeftOn) }
          : null,
    },
    sessions: listAttendedSessions(db, member.id).map((session) => ({
      id: session.sessionId,
      startsAt: session.startsAt,
      date: formatSessionDate(session.startsAt),
      title: session.courseTitle,
      href:
        session.coursePublished || seesUnpublished
          ? `/catalogus/${encodeURIComponent(session.courseSlug)}`
          : null,
    })),
    canManageMembership: can(viewer.appRole, "members:manage-membership"),
    isSelf: viewer.id === member.id,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!data) return [{ title: `${errorTitle(error)} · Gildeportaal OGW` }];
  return [{ title: `${data.member.name} · Leden · Gildeportaal OGW` }];
};

export default function MemberProfilePage() {
  const { member, sessions, canManageMembership, isSelf } = useLoaderData<typeof loader>();
  return (
    <article className="member-profile" aria-labelledby="lid-naam">
      <p>
        <Link to="/leden">Terug naar de leden</Link>
      </p>
      <h1 id="lid-naam">{member.name}</h1>
      {member.former || member.deactivated ? (
        <p>
          {member.former ? <span className="status-badge">{member.former}</span> : null}
          {member.deactivated ? <span className="status-badge">Account gedeactiveerd</span> : null}
        </p>
      ) : null}

      {canManageMembership || isSelf ? (
        <ul className="inline-actions inline-actions--buttons">
          {isSelf ? (
            <li>
              <Link className="button button--secondary" to="/profiel">
                Mijn profiel bewerken
              </Link>
            </li>
          ) : null}
          {canManageMembership ? (
            <li>
              <Link className="button button--secondary" to={`/leden/${member.id}/lidmaatschap`}>
                Lidmaatschap registreren
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}

      <dl className="details">
        <dt>Afdeling</dt>
        <dd>{member.department ?? "Niet opgegeven"}</dd>
        <dt>Team</dt>
        <dd>{member.team ?? "Niet opgegeven"}</dd>
        <dt>OGW-rol</dt>
        <dd>{member.ogwRole}</dd>
        <dt>Expertise</dt>
        <dd>
          {member.expertise.length > 0 ? (
            <ul className="tag-list">
              {member.expertise.map((tag) => (
                <li key={tag} className="tag">
                  <Link to={`/leden?q=${encodeURIComponent(tag)}`}>
                    {tag}
                    <span className="visually-hidden"> (zoek leden met deze expertise)</span>
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            "Niet opgegeven"
          )}
        </dd>
        <dt>{member.joined?.label ?? "Lid sinds"}</dt>
        <dd>
          {member.joined ? (
            <time dateTime={member.joined.date}>{member.joined.text}</time>
          ) : (
            "Niet geregistreerd"
          )}
        </dd>
        {member.left ? (
          <>
            <dt>Oud-lid sinds</dt>
            <dd>
              <time dateTime={member.left.date}>{member.left.text}</time>
            </dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="introductie">
        <h2 id="introductie">Introductie</h2>
        {member.introduction.length > 0 ? (
          member.introduction.map((lines, index) => (
            <p key={index}>
              {lines.map((line, lineIndex) => (
                <Fragment key={lineIndex}>
                  {lineIndex > 0 ? <br /> : null}
                  {line}
                </Fragment>
              ))}
            </p>
          ))
        ) : (
          <p>{member.name} heeft nog geen introductie geschreven.</p>
        )}
      </section>

      <section aria-labelledby="gevolgde-sessies">
        <h2 id="gevolgde-sessies">Gevolgde sessies</h2>
        {sessions.length > 0 ? (
          <div className="table-wrapper">
            <table>
              <caption className="visually-hidden">Sessies die {member.name} heeft gevolgd</caption>
              <thead>
                <tr>
                  <th scope="col">Datum</th>
                  <th scope="col">Activiteit</th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((session) => (
                  <tr key={session.id}>
                    <td>
                      <time dateTime={session.startsAt}>{session.date}</time>
                    </td>
                    <td>
                      {session.href ? (
                        <Link to={session.href}>{session.title}</Link>
                      ) : (
                        session.title
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Nog geen gevolgde sessies geregistreerd.</p>
        )}
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
