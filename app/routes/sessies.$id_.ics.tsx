// Resource route: a session as an .ics file for the user's own calendar.
// "$id_" keeps this download out of the session page's layout (same URL: /sessies/:id/ics).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { sessionCalendar } from "#app/mail/calendar.server.ts";
import { getSessionWithCourse } from "#app/models/catalogue.server.ts";
import { requirePermission } from "#app/utils/auth.server.ts";
import { can } from "#app/utils/permissions.ts";
import { getDb } from "#db/client.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requirePermission(request, "catalogue:view");
  const id = /^\d{1,12}$/.test(params.id ?? "") ? Number(params.id) : null;
  const found = id === null ? undefined : getSessionWithCourse(getDb(), id);
  // An unpublished course does not exist for members, so neither do its sessions.
  if (!found || (!found.course.published && !can(user.appRole, "catalogue:manage"))) {
    throw new Response("Niet gevonden", { status: 404 });
  }
  const body = sessionCalendar({ session: found.session, course: found.course });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="gilde-sessie-${found.session.id}.ics"`,
    },
  });
}
