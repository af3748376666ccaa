CREATE TABLE `budgets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`funding_source` text NOT NULL,
	`decision_date` text NOT NULL,
	`decision_reference` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`significance_threshold_cents` integer DEFAULT 250000 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "budgets_threshold_positive" CHECK("budgets"."significance_threshold_cents" > 0),
	CONSTRAINT "budgets_period" CHECK("budgets"."end_date" > "budgets"."start_date")
);
--> statement-breakpoint
CREATE TABLE `expenses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`budget_id` integer NOT NULL,
	`description` text NOT NULL,
	`supplier` text NOT NULL,
	`kind` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`course_id` integer,
	`session_id` integer,
	`requested_by_id` integer NOT NULL,
	`department_id` integer,
	`ogw_role` text,
	`status` text DEFAULT 'requested' NOT NULL,
	`significant` integer DEFAULT false NOT NULL,
	`college_outcome` text,
	`college_decision_date` text,
	`college_reference` text,
	`college_recorded_by_id` integer,
	`decided_by_id` integer,
	`decided_at` text,
	`decision_reason` text,
	`paid_amount_cents` integer,
	`paid_at` text,
	`requested_at` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`budget_id`) REFERENCES `budgets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `course_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`college_recorded_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "expenses_amount_positive" CHECK("expenses"."amount_cents" > 0),
	CONSTRAINT "expenses_paid_not_negative" CHECK("expenses"."paid_amount_cents" IS NULL OR "expenses"."paid_amount_cents" >= 0),
	CONSTRAINT "expenses_four_eyes" CHECK("expenses"."decided_by_id" IS NULL OR "expenses"."decided_by_id" <> "expenses"."requested_by_id")
);
--> statement-breakpoint
CREATE INDEX `expenses_budget_status_idx` ON `expenses` (`budget_id`,`status`);--> statement-breakpoint
CREATE INDEX `expenses_requested_by_idx` ON `expenses` (`requested_by_id`);--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`budget_id` integer NOT NULL,
	`expense_id` integer,
	`type` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`reason` text NOT NULL,
	`created_by_id` integer,
	`at` text NOT NULL,
	FOREIGN KEY (`budget_id`) REFERENCES `budgets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`expense_id`) REFERENCES `expenses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ledger_entries_sign" CHECK("ledger_entries"."type" IN ('allocation', 'correction') OR "ledger_entries"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE INDEX `ledger_entries_budget_at_idx` ON `ledger_entries` (`budget_id`,`at`);--> statement-breakpoint
CREATE INDEX `ledger_entries_expense_idx` ON `ledger_entries` (`expense_id`);