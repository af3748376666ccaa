CREATE TABLE `feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enrolment_id` integer NOT NULL,
	`rating` integer NOT NULL,
	`comment` text,
	`given_at` text NOT NULL,
	FOREIGN KEY (`enrolment_id`) REFERENCES `enrolments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "feedback_rating_range" CHECK("feedback"."rating" BETWEEN 1 AND 5),
	CONSTRAINT "feedback_comment_length" CHECK("feedback"."comment" IS NULL OR length("feedback"."comment") <= 2000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_enrolment_id_unique` ON `feedback` (`enrolment_id`);--> statement-breakpoint
CREATE INDEX `feedback_given_at_idx` ON `feedback` (`given_at`);--> statement-breakpoint
CREATE TABLE `feedback_learning_goals` (
	`feedback_id` integer NOT NULL,
	`learning_goal_id` integer NOT NULL,
	PRIMARY KEY(`feedback_id`, `learning_goal_id`),
	FOREIGN KEY (`feedback_id`) REFERENCES `feedback`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`learning_goal_id`) REFERENCES `learning_goals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `feedback_learning_goals_goal_idx` ON `feedback_learning_goals` (`learning_goal_id`);--> statement-breakpoint
ALTER TABLE `enrolments` ADD `initial_status` text DEFAULT 'confirmed' NOT NULL;--> statement-breakpoint
ALTER TABLE `enrolments` ADD `feedback_requested_at` text;--> statement-breakpoint
-- Enrolments made before this column: a promotion or a place on the waitlist means it started
-- there; a paid enrolment (with its expense) started as a request.
UPDATE `enrolments` SET `initial_status` = CASE
	WHEN `promoted_at` IS NOT NULL OR `status` = 'waitlisted' THEN 'waitlisted'
	WHEN `expense_id` IS NOT NULL THEN 'requested'
	ELSE 'confirmed'
END;
--> statement-breakpoint
-- Only an enrolment that was registered as attended can carry feedback, whatever code path writes.
CREATE TRIGGER feedback_only_when_attended BEFORE INSERT ON feedback
WHEN (SELECT attendance FROM enrolments WHERE id = new.enrolment_id) IS NOT 'attended'
BEGIN
	SELECT RAISE(ABORT, 'feedback needs an attended enrolment');
END;
