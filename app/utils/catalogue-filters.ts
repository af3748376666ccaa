// Reads the catalogue's filter form from the query string. Bad values are dropped with a Dutch
// note, never an error: the page is a GET form and its URLs get shared, typed and truncated.
import { courseKinds, type CourseKind } from "#db/schema.ts";
import { ogwRoles, type OgwRole } from "#app/domain/roles.ts";
import { amsterdamLocalToUtc } from "#app/domain/time.ts";

/** The query parameter names, in Dutch because they show in the address bar. */
export const filterParams = {
  kind: "soort",
  ogwRole: "rol",
  learningGoal: "leerdoel",
  from: "van",
  to: "tot",
  q: "zoek",
} as const;

export const MAX_SEARCH_LENGTH = 100;

/** What the form shows: the accepted values, "" where nothing (valid) was given. */
export type FilterFormValues = { -readonly [Key in keyof typeof filterParams]: string };

export type ParsedCatalogueFilters = {
  filters: {
    kind?: CourseKind;
    ogwRole?: OgwRole;
    learningGoal?: string;
    startsFrom?: Date;
    startsBefore?: Date;
    q?: string;
  };
  values: FilterFormValues;
  notes: string[];
  /** True when at least one filter is in effect. */
  active: boolean;
};

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Midnight in Amsterdam at the start of the given yyyy-mm-dd day, or null for a non-date. */
function startOfAmsterdamDay(value: string): Date | null {
  return isoDate.test(value) ? amsterdamLocalToUtc(`${value}T00:00`) : null;
}

function nextDay(value: string): string {
  const [year, month, day] = value.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

export function parseCatalogueFilters(
  params: URLSearchParams,
  known: { learningGoalSlugs: readonly string[] },
): ParsedCatalogueFilters {
  const read = (name: string) => (params.get(name) ?? "").trim();
  const filters: ParsedCatalogueFilters["filters"] = {};
  const values: FilterFormValues = {
    kind: "",
    ogwRole: "",
    learningGoal: "",
    from: "",
    to: "",
    q: "",
  };
  const notes: string[] = [];

  const kind = read(filterParams.kind);
  if (kind !== "") {
    if ((courseKinds as readonly string[]).includes(kind)) {
      filters.kind = kind as CourseKind;
      values.kind = kind;
    } else {
      notes.push(`De soort „${kind}” bestaat niet; er is niet op soort gefilterd.`);
    }
  }

  const role = read(filterParams.ogwRole);
  if (role !== "") {
    if ((ogwRoles as readonly string[]).includes(role)) {
      filters.ogwRole = role as OgwRole;
      values.ogwRole = role;
    } else {
      notes.push(`De OGW-rol „${role}” bestaat niet; er is niet op rol gefilterd.`);
    }
  }

  const goal = read(filterParams.learningGoal);
  if (goal !== "") {
    if (known.learningGoalSlugs.includes(goal)) {
      filters.learningGoal = goal;
      values.learningGoal = goal;
    } else {
      notes.push(`Het leerdoel „${goal}” bestaat niet; er is niet op leerdoel gefilterd.`);
    }
  }

  const from = read(filterParams.from);
  const to = read(filterParams.to);
  const fromInstant = from === "" ? null : startOfAmsterdamDay(from);
  const toInstant = to === "" ? null : startOfAmsterdamDay(to) && startOfAmsterdamDay(nextDay(to));
  if (from !== "" && !fromInstant) {
    notes.push(
      `„${from}” is geen geldige datum voor ‘periode van’ (gebruik jjjj-mm-dd); die datum is genegeerd.`,
    );
  }
  if (to !== "" && !toInstant) {
    notes.push(
      `„${to}” is geen geldige datum voor ‘periode tot en met’ (gebruik jjjj-mm-dd); die datum is genegeerd.`,
    );
  }
  if (fromInstant && toInstant && fromInstant.getTime() >= toInstant.getTime()) {
    notes.push("De periode begint na het einde; er is niet op periode gefilterd.");
    // Kept in the form so the user can correct the dates rather than retype them.
    values.from = from;
    values.to = to;
  } else {
    if (fromInstant) {
      filters.startsFrom = fromInstant;
      values.from = from;
    }
    if (toInstant) {
      // "tot" includes the whole day: sessions before midnight at its end.
      filters.startsBefore = toInstant;
      values.to = to;
    }
  }

  const q = read(filterParams.q);
  if (q !== "") {
    const shortened = q.slice(0, MAX_SEARCH_LENGTH);
    if (shortened.length < q.length) {
      notes.push(`De zoektekst is ingekort tot ${MAX_SEARCH_LENGTH} tekens.`);
    }
    filters.q = shortened;
    values.q = shortened;
  }

  return { filters, values, notes, active: Object.keys(filters).length > 0 };
}
