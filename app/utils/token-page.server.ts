// The shared loader and action behind the invitation and password-reset links.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { TokenPurpose } from "#app/domain/one-time-token.ts";
import { tokenProblemMessages } from "#app/domain/one-time-token.ts";
import { inspectToken, setPasswordWithToken } from "./account.server.ts";
import { readForm } from "./form-guard.server.ts";
import { requireSameOrigin } from "./request-guard.server.ts";
import { redirectWithFlash } from "./flash.server.ts";
import { newPasswordFields } from "./password-schemas.ts";

export function loadTokenPage(token: string | undefined, purpose: TokenPurpose) {
  const found = inspectToken(token ?? "", purpose);
  if (!found.ok) {
    return data(
      { problem: tokenProblemMessages[found.problem], email: null, name: null },
      { status: 410 },
    );
  }
  return { problem: null, email: found.user.email, name: found.user.name };
}

export async function submitTokenPage(
  request: Request,
  token: string | undefined,
  purpose: TokenPurpose,
  address: string,
  successMessage: string,
) {
  requireSameOrigin(request);
  const submission = parseWithZod(await readForm(request), { schema: newPasswordFields });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password", "confirmPassword"] }), { status: 400 });
  }
  const result = await setPasswordWithToken(
    token ?? "",
    purpose,
    submission.value.password,
    address,
  );
  if (!result.ok) {
    return data(
      submission.reply({
        formErrors: [tokenProblemMessages[result.problem]],
        hideFields: ["password", "confirmPassword"],
      }),
      { status: 410 },
    );
  }
  return redirectWithFlash("/inloggen", { kind: "success", message: successMessage });
}
