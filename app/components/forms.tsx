// Form fields wired to conform: label, input, hint and the Dutch error next to the field.
import {
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
} from "@conform-to/react";
import { useEffect, useRef, useState, type ReactNode } from "react";

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div id={id} className="field-error">
      {errors.map((error) => (
        <p key={error}>{error}</p>
      ))}
    </div>
  );
}

export function FormErrors({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div id={id} className="form-errors" role="alert">
      {errors.map((error) => (
        <p key={error}>{error}</p>
      ))}
    </div>
  );
}

export function FieldLabel({
  htmlFor,
  label,
  required,
}: {
  htmlFor: string;
  label: string;
  required?: boolean;
}) {
  return (
    <label htmlFor={htmlFor}>
      {label}
      {required ? <span className="required"> (verplicht)</span> : null}
    </label>
  );
}

/** The hint under a label; the field points at it with aria-describedby. */
export function FieldHint({ id, hint }: { id: string | undefined; hint?: ReactNode }) {
  if (!hint) return null;
  return (
    <p id={id} className="field-hint">
      {hint}
    </p>
  );
}

type InputType =
  "text" | "email" | "password" | "number" | "date" | "datetime-local" | "search" | "url";

export function TextField({
  field,
  label,
  type = "text",
  hint,
  autoComplete,
  required,
}: {
  field: FieldMetadata<string | number | undefined | null>;
  label: string;
  type?: InputType;
  hint?: string;
  autoComplete?: string;
  required?: boolean;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  // conform adds the error's id to aria-describedby itself when the field is invalid.
  const { key, ...inputProps } = getInputProps(field, { type, ariaDescribedBy: hintId });
  return (
    <div className="field">
      <FieldLabel htmlFor={field.id} label={label} required={required} />
      <FieldHint id={hintId} hint={hint} />
      <input key={key} {...inputProps} autoComplete={autoComplete} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function SelectField<Schema>({
  field,
  label,
  options,
  placeholder,
  hint,
  required,
}: {
  field: FieldMetadata<Schema>;
  label: string;
  options: readonly { value: string; label: string }[];
  placeholder?: string;
  /** A word of explanation under the label, for choices that need one. */
  hint?: ReactNode;
  required?: boolean;
}) {
  const hintId = `${field.id}-hint`;
  const { key, ...selectProps } = getSelectProps(field, {
    ariaDescribedBy: hint ? hintId : undefined,
  });
  return (
    <div className="field">
      <FieldLabel htmlFor={field.id} label={label} required={required} />
      <FieldHint id={hintId} hint={hint} />
      <select key={key} {...selectProps}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

function describedBy(...ids: (string | undefined | false)[]): string | undefined {
  const joined = ids.filter(Boolean).join(" ");
  return joined || undefined;
}

/** A text input for values the schema turns into something else: money, decimals, date and time. */
export function InputField<Schema>({
  field,
  label,
  type = "text",
  inputMode,
  hint,
  required,
  max,
}: {
  field: FieldMetadata<Schema>;
  label: string;
  type?: "text" | "datetime-local" | "number" | "date";
  inputMode?: "decimal" | "numeric";
  hint?: ReactNode;
  required?: boolean;
  max?: string;
}) {
  const hintId = `${field.id}-hint`;
  const { key, ...inputProps } = getInputProps(field, {
    type,
    ariaDescribedBy: describedBy(hint ? hintId : undefined),
  });
  return (
    <div className="field">
      <FieldLabel htmlFor={field.id} label={label} required={required} />
      <FieldHint id={hintId} hint={hint} />
      <input key={key} {...inputProps} inputMode={inputMode} max={max} autoComplete="off" />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** An amount in euros, typed the Dutch way; the schema turns it into cents. */
export function MoneyField<Schema>(props: {
  field: FieldMetadata<Schema>;
  label: string;
  hint?: ReactNode;
  required?: boolean;
}) {
  return (
    <InputField
      {...props}
      inputMode="decimal"
      hint={props.hint ?? "In euro’s, bijvoorbeeld 1.250,50. Vul 0 in als er geen kosten zijn."}
    />
  );
}

export function TextAreaField<Schema>({
  field,
  label,
  hint,
  required,
  rows = 5,
}: {
  field: FieldMetadata<Schema>;
  label: string;
  hint?: ReactNode;
  required?: boolean;
  rows?: number;
}) {
  const hintId = `${field.id}-hint`;
  const { key, ...textareaProps } = getTextareaProps(field, {
    ariaDescribedBy: describedBy(hint ? hintId : undefined),
  });
  return (
    <div className="field field--wide">
      <FieldLabel htmlFor={field.id} label={label} required={required} />
      <FieldHint id={hintId} hint={hint} />
      <textarea key={key} {...textareaProps} rows={rows} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function SubmitButton({
  children,
  name,
  value,
}: {
  children: ReactNode;
  name?: string;
  value?: string;
}) {
  return (
    <button type="submit" className="button" name={name} value={value}>
      {children}
    </button>
  );
}

/**
 * Counts the server's answers to a form. Used as a key on password fields: the server never sends
 * a password back, but with JavaScript the browser would keep the typed one in the field.
 */
export function useAnswerCount(lastResult: unknown): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (lastResult) setCount((n) => n + 1);
  }, [lastResult]);
  return count;
}

/**
 * A form's browser validation, loaded after hydration so that zod and the schemas stay out of the
 * page's first-load JavaScript (ADR 011). `load` imports the same schemas the action uses. Until they
 * are there, or when they cannot load, the server alone checks the form, as without JavaScript.
 * Off (`wanted` false) for a page that shows none of the forms that need it.
 */
export function useDeferredValidation<Validation>(
  load: () => Promise<Validation>,
  wanted = true,
): Validation | null {
  const [validation, setValidation] = useState<Validation | null>(null);
  const loadRef = useRef(load);
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    loadRef.current().then(
      (loaded) => {
        if (current) setValidation(() => loaded);
      },
      () => {
        // Not loaded (offline, a new deployment): the server's answer still shows every error.
      },
    );
    return () => {
      current = false;
    };
  }, [wanted]);
  return validation;
}

/**
 * When conform validates: on blur and then on input once the browser can, otherwise on submit only.
 * Without a validation, "onBlur" would post the form to the server at every blur.
 */
export function validationTiming(loaded: boolean) {
  return loaded
    ? ({ shouldValidate: "onBlur", shouldRevalidate: "onInput" } as const)
    : ({ shouldValidate: "onSubmit", shouldRevalidate: "onSubmit" } as const);
}
