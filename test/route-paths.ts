// The URL a Remix flat-route file answers, for tests that walk app/routes.

/**
 * A file name's segments: dots separate them, except a dot in brackets, which is part of the URL
 * ("budget.export[.]csv" is /budget/export.csv).
 */
function segmentsOf(file: string): string[] {
  return file.replace(/\.tsx?$/, "").split(/\.(?![^[]*\])/);
}

function isParam(segment: string): boolean {
  return segment.startsWith("$");
}

/**
 * "$slug_" → "slug"; "$halfjaar[.]csv" → "halfjaar" (the escaped rest is literal text after the
 * param); the splat "$" → "*", as Remix names it in params.
 */
function paramName(segment: string): string {
  const name = segment.slice(1).replace(/_$/, "").replace(/\[.*$/, "");
  return name === "" ? "*" : name;
}

/** The literal text after a param in its segment: "$halfjaar[.]csv" → ".csv". */
function literalAfterParam(segment: string): string {
  const bracket = segment.indexOf("[");
  return bracket === -1 ? "" : unescapeSegment(segment.slice(bracket));
}

function unescapeSegment(segment: string): string {
  return segment.replace(/_$/, "").replace(/\[(.*?)\]/g, "$1");
}

/** The names of the URL params of a route file, in order ("catalogus.$slug_.bewerken.tsx" → ["slug"]). */
export function paramNamesOf(file: string): string[] {
  return segmentsOf(file).filter(isParam).map(paramName);
}

// A splat's value spans segments, so its slashes stay; any other value is one segment.
function paramValue(name: string, params: Record<string, string>): string {
  const value = params[name] ?? "x";
  return name === "*" ? value : encodeURIComponent(value);
}

/**
 * The URL path of a route file with the given params. A leading underscore is a pathless layout and
 * a trailing one only opts out of the parent layout: neither is part of the URL. A missing param
 * becomes "x", so a path can be built for a route whose params do not matter.
 */
export function pathFor(file: string, params: Record<string, string> = {}): string {
  const segments = segmentsOf(file)
    .filter((segment) => segment !== "_index" && !/^_[^_]/.test(segment))
    .map((segment) =>
      isParam(segment)
        ? paramValue(paramName(segment), params) + literalAfterParam(segment)
        : unescapeSegment(segment),
    );
  return `/${segments.join("/")}`;
}

/** The Remix single-fetch data URL of a path: "/catalogus" → "/catalogus.data", "/" → "/_root.data". */
export function dataPathFor(path: string): string {
  return path === "/" ? "/_root.data" : `${path.replace(/\/$/, "")}.data`;
}
