import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { writeTransaction } from "#db/client.server.ts";
import { recordSignOut } from "#app/utils/account.server.ts";
import { getOptionalUser } from "#app/utils/auth.server.ts";
import { redirectWithFlash } from "#app/utils/flash.server.ts";
import { clientAddressOf } from "#app/utils/load-context.ts";
import { requireSameOrigin } from "#app/utils/request-guard.server.ts";
import { clearedSessionCookie, invalidateSession } from "#app/utils/session.server.ts";

// Signing out changes state, so it is a POST from the header's form; a GET only sends you home.
export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const user = getOptionalUser(request);
  if (user) {
    writeTransaction((tx) => {
      invalidateSession(tx, user.sessionId);
      recordSignOut(tx, user.id, clientAddressOf(context));
    });
  }
  return redirectWithFlash(
    "/inloggen",
    { kind: "success", message: "U bent uitgelogd." },
    { headers: { "Set-Cookie": clearedSessionCookie() } },
  );
}
