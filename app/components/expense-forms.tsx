// Pieces of the expense pages that the catalogue's form fields do not cover: a date field and the
// panel that shows what an amount would do to the budget. Money, textarea and select fields come
// from forms.tsx.
import type { FieldMetadata } from "@conform-to/react";
import { useEffect, useState, type ReactNode } from "react";
import { InputField } from "./forms.tsx";

/**
 * False on the server and in the first render in the browser, true once React runs there. Lets a
 * page improve a form with JavaScript while the server-rendered form works on its own.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** A calendar date; the schema also accepts "12-03-2026" for browsers without a date picker. */
export function DateField<Schema>(props: {
  field: FieldMetadata<Schema>;
  label: string;
  hint?: ReactNode;
  required?: boolean;
  max?: string;
}) {
  return <InputField {...props} type="date" />;
}

/** Every figure already worded by the server. */
export type BudgetEffect = {
  amount: string;
  availableNow: string;
  availableAfter: string;
  useNow: string;
  useAfter: string;
  warningLine: string;
  aboveWarning: boolean;
  /** Set when the amount does not fit in what is available. */
  shortfall: string | null;
  pending: string | null;
  significant: boolean;
  threshold: string;
};

export function BudgetEffectPanel({
  effect,
  headingId,
  showSignificance = true,
}: {
  effect: BudgetEffect;
  headingId: string;
  /** Off where the page shows the college status itself (an expense already requested). */
  showSignificance?: boolean;
}) {
  return (
    <section className="panel budget-effect" aria-labelledby={headingId}>
      <h2 id={headingId}>Effect op het budget</h2>
      <p>Zo ziet het budget eruit als deze uitgave van {effect.amount} wordt goedgekeurd.</p>
      <div className="table-wrapper">
        <table className="budget-effect__table">
          <caption className="visually-hidden">
            Budget nu en na goedkeuring van {effect.amount}
          </caption>
          <thead>
            <tr>
              <td />
              <th scope="col" className="numeric">
                Nu
              </th>
              <th scope="col" className="numeric">
                Na goedkeuring
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Beschikbaar</th>
              <td className="numeric">{effect.availableNow}</td>
              <td className="numeric">{effect.availableAfter}</td>
            </tr>
            <tr>
              <th scope="row">In gebruik (verplicht en betaald)</th>
              <td className="numeric">{effect.useNow}</td>
              <td className="numeric">{effect.useAfter}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {effect.shortfall ? (
        <div className="alert alert--error">
          <p>
            Dit bedrag past niet in wat er beschikbaar is: er komt {effect.shortfall} tekort. U kunt
            de aanvraag wel indienen, maar goedkeuren kan pas als er genoeg budget beschikbaar is.
          </p>
        </div>
      ) : effect.aboveWarning ? (
        <div className="alert alert--warning">
          <p>
            Let op: na goedkeuring is {effect.useAfter} van het budget in gebruik, boven de
            signaalgrens van {effect.warningLine}.
          </p>
        </div>
      ) : null}
      {!showSignificance ? null : effect.significant ? (
        <div className="alert alert--info">
          <p>
            Deze uitgave is significant (vanaf {effect.threshold}): het college moet eerst
            besluiten. Pas daarna kan een andere coördinator haar goedkeuren.
          </p>
        </div>
      ) : (
        <p>
          Deze uitgave is niet significant (onder {effect.threshold}): een andere coördinator kan
          haar direct beoordelen.
        </p>
      )}
      {effect.pending ? (
        <p className="muted">
          Er staan nog andere aanvragen open voor {effect.pending}; die zijn hierin niet meegeteld.
        </p>
      ) : null}
    </section>
  );
}
