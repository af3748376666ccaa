CREATE TABLE `report_generation` (
	`id` integer PRIMARY KEY NOT NULL,
	`generation` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_generation_single_row" CHECK("report_generation"."id" = 1)
);
--> statement-breakpoint
-- Any change to what the half-year evaluation reads moves the generation, so its cached rows are
-- never served after a change (app/models/evaluation-report.server.ts).
INSERT INTO `report_generation` (`id`, `generation`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER course_sessions_report_generation_insert AFTER INSERT ON course_sessions BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER course_sessions_report_generation_update AFTER UPDATE ON course_sessions BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER course_sessions_report_generation_delete AFTER DELETE ON course_sessions BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER courses_report_generation_insert AFTER INSERT ON courses BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER courses_report_generation_update AFTER UPDATE ON courses BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER courses_report_generation_delete AFTER DELETE ON courses BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER course_learning_goals_report_generation_insert AFTER INSERT ON course_learning_goals BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER course_learning_goals_report_generation_update AFTER UPDATE ON course_learning_goals BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER course_learning_goals_report_generation_delete AFTER DELETE ON course_learning_goals BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER enrolments_report_generation_insert AFTER INSERT ON enrolments BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER enrolments_report_generation_update AFTER UPDATE ON enrolments BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER enrolments_report_generation_delete AFTER DELETE ON enrolments BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER feedback_report_generation_insert AFTER INSERT ON feedback BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER feedback_report_generation_update AFTER UPDATE ON feedback BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER feedback_report_generation_delete AFTER DELETE ON feedback BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER feedback_learning_goals_report_generation_insert AFTER INSERT ON feedback_learning_goals BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER feedback_learning_goals_report_generation_update AFTER UPDATE ON feedback_learning_goals BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER feedback_learning_goals_report_generation_delete AFTER DELETE ON feedback_learning_goals BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_report_generation_insert AFTER INSERT ON ledger_entries BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER expenses_report_generation_insert AFTER INSERT ON expenses BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER expenses_report_generation_update AFTER UPDATE ON expenses BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER expenses_report_generation_delete AFTER DELETE ON expenses BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER learning_goals_report_generation_insert AFTER INSERT ON learning_goals BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER learning_goals_report_generation_update AFTER UPDATE ON learning_goals BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER learning_goals_report_generation_delete AFTER DELETE ON learning_goals BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER departments_report_generation_insert AFTER INSERT ON departments BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER departments_report_generation_update AFTER UPDATE ON departments BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER departments_report_generation_delete AFTER DELETE ON departments BEGIN
	UPDATE report_generation SET generation = generation + 1 WHERE id = 1;
END;
