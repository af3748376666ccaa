import { Link } from "@remix-run/react";

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p className="site-footer__name">Gildeportaal OGW · Gemeente Huizen</p>
        <nav aria-label="Over dit portaal">
          <ul className="site-footer__links">
            <li>
              <Link to="/over-ogw">Over OGW</Link>
            </li>
            <li>
              <Link to="/toegankelijkheidsverklaring">Toegankelijkheid</Link>
            </li>
            <li>
              <Link to="/privacy">Privacy</Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
