// Form fields for maintaining the catalogue (textarea, checkbox groups, money and date-time inputs)
// and the course and session forms that the create and edit pages share.
import {
  getCollectionProps,
  getInputProps,
  useForm,
  type DefaultValue,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import type { ReactNode } from "react";
import type { z } from "zod";
import { courseKindLabels, courseKindOptions } from "#app/domain/catalogue-admin.ts";
import { ogwRoleLabels, ogwRoles } from "#app/domain/roles.ts";
import { TIME_ZONE } from "#app/domain/time.ts";
import type { CourseFormValue, SessionFormValue } from "#app/utils/catalogue-schemas.ts";
// The plain fields live in forms.tsx so that pages without catalogue forms need not load this module.
import {
  FieldErrors,
  FieldHint,
  InputField,
  MoneyField,
  SelectField,
  TextAreaField,
  TextField,
  useDeferredValidation,
  validationTiming,
} from "./forms.tsx";

export { InputField, MoneyField, TextAreaField };

function describedBy(...ids: (string | undefined | false)[]): string | undefined {
  const joined = ids.filter(Boolean).join(" ");
  return joined || undefined;
}

/** Several checkboxes under one legend; the error for the group shows below them. */
export function CheckboxGroup<Schema>({
  field,
  legend,
  options,
  hint,
  required,
}: {
  field: FieldMetadata<Schema>;
  legend: string;
  options: readonly { value: string; label: string }[];
  hint?: ReactNode;
  required?: boolean;
}) {
  const hintId = `${field.id}-hint`;
  const labels = new Map(options.map((option) => [option.value, option.label]));
  const boxes = getCollectionProps(field as FieldMetadata<string[]>, {
    type: "checkbox",
    options: options.map((option) => option.value),
    ariaDescribedBy: describedBy(hint ? hintId : undefined),
  });
  return (
    <fieldset
      className="field checkbox-group"
      aria-describedby={describedBy(hint ? hintId : undefined)}
    >
      <legend>
        {legend}
        {required ? <span className="required"> (verplicht)</span> : null}
      </legend>
      <FieldHint id={hintId} hint={hint} />
      <ul className="checkbox-group__list">
        {boxes.map(({ key, ...boxProps }) => (
          <li key={key} className="field--check">
            <input {...boxProps} />
            <label htmlFor={boxProps.id}>{labels.get(boxProps.value)}</label>
          </li>
        ))}
      </ul>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

export function CheckboxField<Schema>({
  field,
  label,
  hint,
}: {
  field: FieldMetadata<Schema>;
  label: string;
  hint?: ReactNode;
}) {
  const hintId = `${field.id}-hint`;
  const { key, ...inputProps } = getInputProps(field, {
    type: "checkbox",
    ariaDescribedBy: describedBy(hint ? hintId : undefined),
  });
  return (
    <div className="field field--check">
      <input key={key} {...inputProps} />
      <label htmlFor={field.id}>{label}</label>
      <FieldHint id={hintId} hint={hint} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

// ---- The course form ----------------------------------------------------------------------------

export type LearningGoalOption = { id: number; title: string };

type FormOptions<Value> = {
  id: string;
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue?: DefaultValue<Value>;
};

/** The catalogue schemas and conform's parser, fetched after hydration (ADR 011). */
async function loadCatalogueValidation() {
  const [{ parseWithZod }, schemas] = await Promise.all([
    import("@conform-to/zod/v4"),
    import("#app/utils/catalogue-schemas.ts"),
  ]);
  return { parseWithZod, schemas };
}

type CatalogueValidation = Awaited<ReturnType<typeof loadCatalogueValidation>>;

/**
 * A catalogue form: checked in the browser against the same schema as on the server, once that
 * schema has loaded; until then the server checks it, as without JavaScript.
 */
function useCatalogueForm<Value extends Record<string, unknown>>(
  pickSchema: (schemas: CatalogueValidation["schemas"]) => z.ZodType<Value, unknown>,
  options: FormOptions<Value>,
) {
  const validation = useDeferredValidation(loadCatalogueValidation);
  return useForm<Value>({
    id: options.id,
    lastResult: options.lastResult,
    defaultValue: options.defaultValue,
    ...validationTiming(validation !== null),
    onValidate: validation
      ? ({ formData }) =>
          validation.parseWithZod(formData, { schema: pickSchema(validation.schemas) })
      : undefined,
  });
}

export function useCourseForm(options: FormOptions<CourseFormValue>) {
  return useCatalogueForm(({ courseFormSchema }) => courseFormSchema, options);
}

type CourseFormFieldset = ReturnType<typeof useCourseForm>[1];

export function CourseFormFields({
  fields,
  learningGoals,
  withPublished,
}: {
  fields: CourseFormFieldset;
  learningGoals: readonly LearningGoalOption[];
  withPublished: boolean;
}) {
  return (
    <>
      <TextField field={fields.title} label="Titel" required />
      <SelectField
        field={fields.kind}
        label="Soort"
        placeholder="Kies het soort opleiding"
        options={courseKindOptions.map((kind) => ({ value: kind, label: courseKindLabels[kind] }))}
        required
      />
      <TextAreaField
        field={fields.summary}
        label="Samenvatting"
        hint="Eén of twee zinnen voor het overzicht van de catalogus, hoogstens 300 tekens."
        rows={3}
        required
      />
      <TextAreaField
        field={fields.body}
        label="Beschrijving"
        hint="Opmaak met Markdown: een lege regel voor een nieuwe alinea, ## voor een tussenkop, - voor een opsomming."
        rows={12}
      />
      <TextField field={fields.provider} label="Aanbieder of trainer" required />
      <MoneyField field={fields.costPerParticipant} label="Kosten per deelnemer" required />
      <InputField
        field={fields.durationHours}
        label="Duur in uren"
        inputMode="decimal"
        hint="Bijvoorbeeld 3 of 1,5."
        required
      />
      <CheckboxGroup
        field={fields.targetRoles}
        legend="Voor wie (OGW-rollen)"
        hint="Kies minstens één rol."
        options={ogwRoles.map((role) => ({ value: role, label: ogwRoleLabels[role] }))}
        required
      />
      <CheckboxGroup
        field={fields.learningGoalIds}
        legend="Leerdoelen"
        hint="Kies minstens één leerdoel waaraan deze opleiding bijdraagt."
        options={learningGoals.map((goal) => ({ value: String(goal.id), label: goal.title }))}
        required
      />
      {withPublished ? (
        <CheckboxField
          field={fields.published}
          label="Direct publiceren"
          hint="Gepubliceerde opleidingen zijn zichtbaar voor alle collega’s. Zonder vinkje blijft het een concept."
        />
      ) : null}
    </>
  );
}

// ---- The session form ---------------------------------------------------------------------------

export function useSessionForm(options: FormOptions<SessionFormValue>) {
  return useCatalogueForm(({ sessionFormSchema }) => sessionFormSchema, options);
}

type SessionFormFieldset = ReturnType<typeof useSessionForm>[1];

const amsterdamTimeHint = "Datum en tijd in Nederlandse tijd.";

export function SessionFormFields({ fields }: { fields: SessionFormFieldset }) {
  return (
    <>
      <InputField
        field={fields.startsAt}
        label="Begin"
        type="datetime-local"
        hint={amsterdamTimeHint}
        required
      />
      <InputField
        field={fields.endsAt}
        label="Einde"
        type="datetime-local"
        hint={amsterdamTimeHint}
        required
      />
      <TextField
        field={fields.location}
        label="Locatie"
        hint="Bijvoorbeeld: Raadhuis Huizen, zaal 2. Vul een locatie, een onlinelink of allebei in."
      />
      <TextField
        field={fields.onlineUrl}
        label="Onlinelink"
        type="url"
        hint="Een link die begint met https://, bijvoorbeeld naar Teams."
      />
      <InputField
        field={fields.capacity}
        label="Aantal plaatsen"
        type="number"
        inputMode="numeric"
        required
      />
      <InputField
        field={fields.enrolmentDeadline}
        label="Inschrijven kan tot"
        type="datetime-local"
        hint="Uiterlijk het begin van de sessie."
        required
      />
      <MoneyField
        field={fields.sessionCost}
        label="Kosten van de sessie"
        hint="Trainer of zaalhuur voor de hele sessie, in euro’s, bijvoorbeeld 450 of 1.250,50. Vul 0 in als er geen kosten zijn."
        required
      />
    </>
  );
}

// ---- Showing a session --------------------------------------------------------------------------

const dayAndTime = new Intl.DateTimeFormat("nl-NL", {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: TIME_ZONE,
});
const timeOnly = new Intl.DateTimeFormat("nl-NL", {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: TIME_ZONE,
});
const dayOnly = new Intl.DateTimeFormat("nl-NL", { dateStyle: "short", timeZone: TIME_ZONE });

/** "di 1 dec 2026, 09:30–11:00", or both full moments when the session runs over midnight. */
export function formatSessionPeriod(startsAt: string | Date, endsAt: string | Date): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  if (dayOnly.format(start) === dayOnly.format(end)) {
    return `${dayAndTime.format(start)}–${timeOnly.format(end)}`;
  }
  return `${dayAndTime.format(start)} – ${dayAndTime.format(end)}`;
}
