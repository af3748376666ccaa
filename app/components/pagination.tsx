// "Vorige", "Pagina 2 van 147", "Volgende" under a paged list: plain links, so paging works
// without JavaScript and every page has an address of its own.
import { Link } from "@remix-run/react";

export type PaginationProps = {
  /** The accessible name of the navigation landmark. */
  label?: string;
  page: number;
  pageCount: number;
  /** Null on the first page. */
  previousHref: string | null;
  /** Null on the last page. */
  nextHref: string | null;
};

/** Nothing when everything fits on one page. */
export function Pagination({
  label = "Paginering",
  page,
  pageCount,
  previousHref,
  nextHref,
}: PaginationProps) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label} className="pagination">
      {previousHref ? (
        <Link to={previousHref} rel="prev">
          Vorige
        </Link>
      ) : null}
      <span>
        Pagina {page} van {pageCount}
      </span>
      {nextHref ? (
        <Link to={nextHref} rel="next">
          Volgende
        </Link>
      ) : null}
    </nav>
  );
}
