// Reads a posted form for an action and refuses, with a 400, what the form parser would turn into
// an enormous structure: conform builds an array up to any index named in a field ("marks[99999999]")
// or in a list intent, and the schema or the answer then walks every empty place of it.

/** The field conform reads its list and update intents from. */
const INTENT = "__intent__";

/** No form of the portal has lists anywhere near this long. */
export const MAX_FORM_INDEX = 1_000;

const badFormMessage =
  "Dit formulier kon niet worden verwerkt. Vernieuw de pagina en probeer het opnieuw.";

function badForm(): Response {
  return new Response(badFormMessage, {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

function hasLargeIndex(name: string): boolean {
  for (const match of name.matchAll(/\[(\d+)\]/g)) {
    if (match[1]!.length > 6 || Number(match[1]) > MAX_FORM_INDEX) return true;
  }
  return false;
}

/** A field name as the portal's forms write them ("marks[0].enrolmentId"), with no prototype keys. */
function isPlainName(name: string): boolean {
  return (
    /^[A-Za-z][\w-]*(?:\[\d*\]|\.[A-Za-z][\w-]*)*$/.test(name) &&
    !/(?:^|\.)(?:__proto__|constructor|prototype)(?:$|[.[])/.test(name) &&
    !hasLargeIndex(name)
  );
}

/** A conform intent ("insert", "update"...) that points at a place beyond any real list. */
function unusableIntent(value: FormDataEntryValue): boolean {
  if (typeof value !== "string") return true;
  try {
    const intent = JSON.parse(value) as {
      payload?: { name?: unknown; index?: unknown; from?: unknown; to?: unknown };
    } | null;
    const payload = intent?.payload;
    if (!payload) return false;
    if (
      payload.name !== undefined &&
      !(typeof payload.name === "string" && isPlainName(payload.name))
    )
      return true;
    return [payload.index, payload.from, payload.to].some(
      (index) =>
        index !== undefined &&
        !(Number.isInteger(index) && (index as number) >= 0 && (index as number) <= MAX_FORM_INDEX),
    );
  } catch {
    return true;
  }
}

/** The request's form; a body that is no form, holds a NUL or names an absurd list place, answers 400. */
export async function readForm(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw badForm();
  }
  for (const [name, value] of form) {
    // No text in the portal holds a NUL, and SQLite's length() stops at one, which would let a
    // value slip past the database's length checks as a 500; no browser form can send it.
    if (name.includes("\u0000") || (typeof value === "string" && value.includes("\u0000")))
      throw badForm();
    if (hasLargeIndex(name)) throw badForm();
    if (name === INTENT && unusableIntent(value)) throw badForm();
  }
  return form;
}
