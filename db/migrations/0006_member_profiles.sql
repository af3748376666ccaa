-- Profiles and guild membership. Written by hand instead of drizzle-kit's table rebuild: a rebuild
-- would drop the users table that every other table refers to. ADD COLUMN with a CHECK is tested
-- against the existing rows, so the constraints hold for old and new rows alike.
CREATE TABLE `member_expertise` (
	`user_id` integer NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`user_id`, `tag`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "member_expertise_tag_length" CHECK(length("member_expertise"."tag") BETWEEN 2 AND 40)
);
--> statement-breakpoint
CREATE INDEX `member_expertise_tag_idx` ON `member_expertise` (`tag`);--> statement-breakpoint
ALTER TABLE `users` ADD `team` text CONSTRAINT "users_team_length" CHECK("team" IS NULL OR length("team") <= 100);--> statement-breakpoint
ALTER TABLE `users` ADD `introduction` text CONSTRAINT "users_introduction_length" CHECK("introduction" IS NULL OR length("introduction") <= 2000);--> statement-breakpoint
ALTER TABLE `users` ADD `guild_joined_on` text;--> statement-breakpoint
ALTER TABLE `users` ADD `guild_left_on` text CONSTRAINT "users_guild_dates" CHECK("guild_left_on" IS NULL OR "guild_joined_on" IS NULL OR "guild_left_on" >= "guild_joined_on");--> statement-breakpoint
ALTER TABLE `users` ADD `anonymised_at` text;--> statement-breakpoint
CREATE INDEX `users_ogw_role_idx` ON `users` (`ogw_role`);
