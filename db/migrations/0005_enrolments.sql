CREATE TABLE `enrolments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`ogw_role` text NOT NULL,
	`department_id` integer,
	`status` text NOT NULL,
	`enrolled_at` text NOT NULL,
	`promoted_at` text,
	`decided_by_id` integer,
	`decided_at` text,
	`decision_reason` text,
	`cancelled_at` text,
	`cancelled_by_id` integer,
	`attendance` text,
	`attendance_registered_at` text,
	`attendance_registered_by_id` integer,
	`expense_id` integer,
	`reminder_sent_at` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `course_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cancelled_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attendance_registered_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`expense_id`) REFERENCES `expenses`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "enrolments_four_eyes" CHECK("enrolments"."decided_by_id" IS NULL OR "enrolments"."decided_by_id" <> "enrolments"."member_id"),
	CONSTRAINT "enrolments_attendance_confirmed" CHECK("enrolments"."attendance" IS NULL OR "enrolments"."status" = 'confirmed')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enrolments_one_active_idx` ON `enrolments` (`session_id`,`member_id`) WHERE status in ('confirmed', 'waitlisted', 'requested');--> statement-breakpoint
CREATE UNIQUE INDEX `enrolments_expense_idx` ON `enrolments` (`expense_id`);--> statement-breakpoint
CREATE INDEX `enrolments_session_status_idx` ON `enrolments` (`session_id`,`status`,`enrolled_at`);--> statement-breakpoint
CREATE INDEX `enrolments_member_idx` ON `enrolments` (`member_id`);--> statement-breakpoint
CREATE INDEX `enrolments_reminder_idx` ON `enrolments` (`status`,`reminder_sent_at`);