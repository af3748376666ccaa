CREATE TABLE `course_learning_goals` (
	`course_id` integer NOT NULL,
	`learning_goal_id` integer NOT NULL,
	PRIMARY KEY(`course_id`, `learning_goal_id`),
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`learning_goal_id`) REFERENCES `learning_goals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `course_learning_goals_goal_idx` ON `course_learning_goals` (`learning_goal_id`);--> statement-breakpoint
CREATE TABLE `course_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`location` text,
	`online_url` text,
	`capacity` integer NOT NULL,
	`enrolment_deadline` text NOT NULL,
	`session_cost_cents` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`cancel_reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "course_sessions_capacity_positive" CHECK("course_sessions"."capacity" >= 1),
	CONSTRAINT "course_sessions_cost_not_negative" CHECK("course_sessions"."session_cost_cents" >= 0),
	CONSTRAINT "course_sessions_ends_after_start" CHECK("course_sessions"."ends_at" > "course_sessions"."starts_at"),
	CONSTRAINT "course_sessions_deadline_before_start" CHECK("course_sessions"."enrolment_deadline" <= "course_sessions"."starts_at"),
	CONSTRAINT "course_sessions_cancel_reason" CHECK("course_sessions"."status" <> 'cancelled' OR ("course_sessions"."cancel_reason" IS NOT NULL AND length(trim("course_sessions"."cancel_reason")) > 0))
);
--> statement-breakpoint
CREATE INDEX `course_sessions_course_start_idx` ON `course_sessions` (`course_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `course_sessions_start_idx` ON `course_sessions` (`starts_at`);--> statement-breakpoint
CREATE TABLE `course_target_roles` (
	`course_id` integer NOT NULL,
	`ogw_role` text NOT NULL,
	PRIMARY KEY(`course_id`, `ogw_role`),
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `course_target_roles_role_idx` ON `course_target_roles` (`ogw_role`);--> statement-breakpoint
CREATE TABLE `courses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`provider` text NOT NULL,
	`cost_per_participant_cents` integer DEFAULT 0 NOT NULL,
	`duration_hours` real NOT NULL,
	`published` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "courses_cost_not_negative" CHECK("courses"."cost_per_participant_cents" >= 0),
	CONSTRAINT "courses_duration_positive" CHECK("courses"."duration_hours" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `courses_slug_unique` ON `courses` (`slug`);--> statement-breakpoint
CREATE INDEX `courses_published_kind_idx` ON `courses` (`published`,`kind`);--> statement-breakpoint
CREATE TABLE `learning_goals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `learning_goals_slug_unique` ON `learning_goals` (`slug`);