// Turns a template and its data into a RenderedMail, ready for queueMail inside a write transaction.
// Adding a message: a component in emails/, an entry in MailPropsByTemplate and mailTemplates, and a
// render function below; the development preview page picks it up from mailTemplates.
import { createElement, type ReactElement } from "react";
import { render } from "@react-email/render";
import {
  InvitationEmail,
  invitationSubject,
  previewProps as invitationPreview,
  type InvitationEmailProps,
} from "#emails/invitation.tsx";
import {
  PasswordResetEmail,
  passwordResetSubject,
  previewProps as passwordResetPreview,
  type PasswordResetEmailProps,
} from "#emails/password-reset.tsx";
import {
  BudgetWarningEmail,
  budgetWarningSubject,
  previewProps as budgetWarningPreview,
  type BudgetWarningEmailProps,
} from "#emails/budget-warning.tsx";
import {
  ExpenseCollegeEmail,
  expenseCollegeSubject,
  previewProps as expenseCollegePreview,
  type ExpenseCollegeEmailProps,
} from "#emails/expense-college.tsx";
import {
  ExpenseDecidedEmail,
  expenseDecidedSubject,
  previewProps as expenseDecidedPreview,
  type ExpenseDecidedEmailProps,
} from "#emails/expense-decided.tsx";
import {
  ExpenseRequestedEmail,
  expenseRequestedSubject,
  previewProps as expenseRequestedPreview,
  type ExpenseRequestedEmailProps,
} from "#emails/expense-requested.tsx";
import type { MailAttachment, RenderedMail } from "./outbox.server.ts";

type MailTemplate<Props> = {
  /** Dutch name for the development pages. */
  label: string;
  subject: (props: Props) => string;
  Component: (props: Props) => ReactElement;
  previewProps: Props;
};

type MailPropsByTemplate = {
  invitation: InvitationEmailProps;
  password_reset: PasswordResetEmailProps;
  expense_requested: ExpenseRequestedEmailProps;
  expense_decided: ExpenseDecidedEmailProps;
  expense_college: ExpenseCollegeEmailProps;
  budget_warning: BudgetWarningEmailProps;
};

/** The value stored in mail_outbox.template. */
export type MailTemplateName = keyof MailPropsByTemplate;

export const mailTemplates: {
  [Name in MailTemplateName]: MailTemplate<MailPropsByTemplate[Name]>;
} = {
  invitation: {
    label: "Uitnodiging",
    subject: () => invitationSubject,
    Component: InvitationEmail,
    previewProps: invitationPreview,
  },
  password_reset: {
    label: "Wachtwoord herstellen",
    subject: () => passwordResetSubject,
    Component: PasswordResetEmail,
    previewProps: passwordResetPreview,
  },
  expense_requested: {
    label: "Uitgave ter goedkeuring",
    subject: expenseRequestedSubject,
    Component: ExpenseRequestedEmail,
    previewProps: expenseRequestedPreview,
  },
  expense_decided: {
    label: "Besluit over een uitgave",
    subject: expenseDecidedSubject,
    Component: ExpenseDecidedEmail,
    previewProps: expenseDecidedPreview,
  },
  expense_college: {
    label: "Uitgave voorleggen aan het college",
    subject: expenseCollegeSubject,
    Component: ExpenseCollegeEmail,
    previewProps: expenseCollegePreview,
  },
  budget_warning: {
    label: "Budget voor 80 % in gebruik",
    subject: budgetWarningSubject,
    Component: BudgetWarningEmail,
    previewProps: budgetWarningPreview,
  },
};

export const mailTemplateNames = Object.keys(mailTemplates) as MailTemplateName[];

export function isMailTemplateName(value: string): value is MailTemplateName {
  return Object.hasOwn(mailTemplates, value);
}

// Lines of plain-text mail stay short enough for any mail client (links are never broken);
// a heading in capitals reads as shouting.
const plainTextOptions = {
  wordwrap: 78,
  selectors: [{ selector: "h1", options: { uppercase: false } }],
};

export type MailRecipient = {
  to: string;
  toUserId?: number | null;
  attachments?: MailAttachment[];
};

export async function renderMail<Name extends MailTemplateName>(
  name: Name,
  props: MailPropsByTemplate[Name],
  recipient: MailRecipient,
): Promise<RenderedMail> {
  const template: MailTemplate<MailPropsByTemplate[Name]> = mailTemplates[name];
  const element = createElement(template.Component, props);
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions: plainTextOptions }),
  ]);
  return {
    template: name,
    to: recipient.to,
    toUserId: recipient.toUserId ?? null,
    subject: template.subject(props),
    html,
    text,
    attachments: recipient.attachments,
  };
}

/** For the development preview page: a template rendered with its sample data. */
export function renderPreviewMail<Name extends MailTemplateName>(
  name: Name,
): Promise<RenderedMail> {
  const template: MailTemplate<MailPropsByTemplate[Name]> = mailTemplates[name];
  return renderMail(name, template.previewProps, { to: "voorbeeld@huizen.example" });
}

export function renderInvitationMail({
  to,
  toUserId,
  ...props
}: { to: string; toUserId?: number | null } & InvitationEmailProps): Promise<RenderedMail> {
  return renderMail("invitation", props, { to, toUserId });
}

export function renderPasswordResetMail({
  to,
  toUserId,
  ...props
}: { to: string; toUserId?: number | null } & PasswordResetEmailProps): Promise<RenderedMail> {
  return renderMail("password_reset", props, { to, toUserId });
}

export function renderExpenseRequestedMail({
  to,
  toUserId,
  ...props
}: { to: string; toUserId?: number | null } & ExpenseRequestedEmailProps): Promise<RenderedMail> {
  return renderMail("expense_requested", props, { to, toUserId });
}

export function renderExpenseDecidedMail({
  to,
  toUserId,
  ...props
}: { to: string; toUserId?: number | null } & ExpenseDecidedEmailProps): Promise<RenderedMail> {
  return renderMail("expense_decided", props, { to, toUserId });
}

export function renderExpenseCollegeMail({
  to,
  toUserId,
  ...props
}: { to: string; toUserId?: number | null } & ExpenseCollegeEmailProps): Promise<RenderedMail> {
  return renderMail("expense_college", props, { to, toUserId });
}

export function renderBudgetWarningMail({
  to,
  toUserId,
  ...props
}: { to: string; toUserId?: number | null } & BudgetWarningEmailProps): Promise<RenderedMail> {
  return renderMail("budget_warning", props, { to, toUserId });
}
