// To the requester: what became of their expense (approved, rejected, paid or cancelled) and why.
import { formatEuro } from "#app/domain/money.ts";
import { EmailAction, EmailLayout, EmailParagraph } from "./components/layout.tsx";

export const expenseDecisionOutcomes = ["approved", "rejected", "paid", "cancelled"] as const;
export type ExpenseDecisionOutcome = (typeof expenseDecisionOutcomes)[number];

export type ExpenseDecidedEmailProps = {
  name: string;
  outcome: ExpenseDecisionOutcome;
  description: string;
  amountCents: number;
  /** Only for "paid": the invoice amount, which may differ from the approved amount. */
  paidCents?: number | null;
  /** Who decided: a coordinator's name, or "het college". */
  decidedByName: string;
  reason?: string | null;
  link: string;
};

const outcomeWords: Record<ExpenseDecisionOutcome, { subject: string; title: string }> = {
  approved: { subject: "Uw aanvraag is goedgekeurd", title: "Uw aanvraag is goedgekeurd" },
  rejected: { subject: "Uw aanvraag is afgewezen", title: "Uw aanvraag is afgewezen" },
  paid: {
    subject: "De betaling is geregistreerd",
    title: "De betaling van uw uitgave is geregistreerd",
  },
  cancelled: { subject: "Uw aanvraag is geannuleerd", title: "Uw aanvraag is geannuleerd" },
};

export function expenseDecidedSubject({ outcome, description }: ExpenseDecidedEmailProps): string {
  return `${outcomeWords[outcome].subject}: ${description}`;
}

function Explanation({ outcome, amountCents, paidCents, decidedByName }: ExpenseDecidedEmailProps) {
  switch (outcome) {
    case "approved":
      return (
        <EmailParagraph>
          {decidedByName} heeft uw aanvraag goedgekeurd. Het bedrag van {formatEuro(amountCents)} is
          in het opleidingsbudget gereserveerd (verplicht) tot de factuur is betaald.
        </EmailParagraph>
      );
    case "rejected":
      return (
        <EmailParagraph>
          {decidedByName} heeft uw aanvraag van {formatEuro(amountCents)} afgewezen. Er is geen geld
          uit het opleidingsbudget voor gereserveerd.
        </EmailParagraph>
      );
    case "paid": {
      const paid = paidCents ?? amountCents;
      return (
        <EmailParagraph>
          {decidedByName} heeft de betaling van {formatEuro(paid)} geregistreerd.
          {paid === amountCents
            ? " Dat is het goedgekeurde bedrag."
            : ` Goedgekeurd was ${formatEuro(amountCents)}; het verschil van ${formatEuro(
                Math.abs(paid - amountCents),
              )} is als correctie geboekt.`}
        </EmailParagraph>
      );
    }
    case "cancelled":
      return (
        <EmailParagraph>
          {decidedByName} heeft uw aanvraag van {formatEuro(amountCents)} geannuleerd. Was er al
          geld voor gereserveerd, dan is dat weer beschikbaar in het opleidingsbudget.
        </EmailParagraph>
      );
  }
}

export function ExpenseDecidedEmail(props: ExpenseDecidedEmailProps) {
  const { name, outcome, description, reason, link } = props;
  return (
    <EmailLayout
      title={outcomeWords[outcome].title}
      preview={`${outcomeWords[outcome].subject}: ${description}.`}
      reason="U ontvangt deze e-mail omdat u deze uitgave hebt aangevraagd in het Gildeportaal OGW."
    >
      <EmailParagraph>Beste {name},</EmailParagraph>
      <EmailParagraph>Het gaat om uw aanvraag: {description}.</EmailParagraph>
      <Explanation {...props} />
      {reason ? <EmailParagraph>Toelichting: {reason}</EmailParagraph> : null}
      <EmailAction href={link} label="Uitgave bekijken" />
    </EmailLayout>
  );
}

export const previewProps: ExpenseDecidedEmailProps = {
  name: "Joris Bakker",
  outcome: "paid",
  description: "Workshop: een opgave afbakenen, trainershonorarium",
  amountCents: 135_000,
  paidCents: 141_500,
  decidedByName: "Annelies Visser",
  reason: null,
  link: "http://localhost:3000/uitgaven/12",
};
