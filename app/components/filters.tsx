// Pieces of the plain GET filter forms on list pages (catalogue, expenses): a select with an "all"
// option, the submit and clear actions, and the notes and result count shown under the form.
import { Link } from "@remix-run/react";

export type FilterOption = { value: string; label: string };

/** A select whose empty first option means "no filter". */
export function FilterSelect({
  id,
  label,
  name,
  defaultValue,
  allLabel,
  options,
}: {
  id: string;
  label: string;
  name: string;
  defaultValue: string;
  allLabel: string;
  options: readonly FilterOption[];
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Submits the filter form, or goes back to the unfiltered list at `clearTo`. */
export function FilterActions({ clearTo }: { clearTo: string }) {
  return (
    <div className="form-actions">
      <button type="submit" className="button">
        Filteren
      </button>
      <Link to={clearTo}>Filters wissen</Link>
    </div>
  );
}

/** The filters that could not be used, if any, then the result count as a status message. */
export function FilterOutcome({ notes, count }: { notes: readonly string[]; count: string }) {
  return (
    <>
      {notes.length > 0 ? (
        <div className="alert alert--warning">
          <p>Niet alle filters konden worden gebruikt:</p>
          <ul>
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <p className="catalogue-count" role="status">
        {count}
      </p>
    </>
  );
}
