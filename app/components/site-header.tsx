// The portal's header: name, main menu and who is signed in. Works without root data, because
// the error boundary renders it too, when the root loader may not have run.
import { Form, Link, NavLink } from "@remix-run/react";
import { appRoleLabels, type AppRole } from "#app/domain/roles.ts";
import type { NavItem } from "#app/utils/permissions.ts";

export type HeaderUser = { name: string; appRole: AppRole };

export function SiteHeader({
  user,
  navigation,
}: {
  /** undefined when it is unknown whether anyone is signed in (root data missing). */
  user: HeaderUser | null | undefined;
  navigation: readonly NavItem[];
}) {
  return (
    <header className="site-header">
      <div className="site-header__bar">
        <div className="container site-header__inner">
          <Link to="/" className="brand">
            <span className="brand__name">Gildeportaal OGW</span>{" "}
            <span className="brand__org">Gemeente Huizen</span>
          </Link>
          {user ? (
            <div className="account">
              <p className="account__who">
                <span className="visually-hidden">Ingelogd als </span>
                <span className="account__name">{user.name}</span>{" "}
                <span className="account__role">({appRoleLabels[user.appRole]})</span>
              </p>
              <Link to="/profiel" className="button button--on-dark">
                Mijn profiel
              </Link>
              <Form method="post" action="/uitloggen" className="account__signout">
                <button type="submit" className="button button--on-dark">
                  Uitloggen
                </button>
              </Form>
            </div>
          ) : user === null ? (
            <div className="account">
              <Link to="/inloggen" className="button button--on-dark">
                Inloggen
              </Link>
            </div>
          ) : null}
        </div>
      </div>
      {navigation.length > 0 ? (
        <nav aria-label="Hoofdmenu" className="main-nav">
          <ul className="container main-nav__list">
            {navigation.map((item) => (
              <li key={item.to}>
                {/* end on "/" so that the dashboard is not marked current on every page */}
                <NavLink
                  to={item.to}
                  end={item.to === "/"}
                  prefetch="intent"
                  className="main-nav__link"
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
