-- Full-text search over the member directory: name, team, expertise tags and introduction. The
-- triggers keep it in step with users and member_expertise whatever code path writes them.
CREATE VIRTUAL TABLE `member_search` USING fts5(
	name, team, expertise, introduction,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
);
--> statement-breakpoint
INSERT INTO `member_search`(rowid, name, team, expertise, introduction)
	SELECT id, name, coalesce(team, ''), '', coalesce(introduction, '') FROM `users`;
--> statement-breakpoint
CREATE TRIGGER member_search_user_insert AFTER INSERT ON users BEGIN
	INSERT INTO member_search(rowid, name, team, expertise, introduction)
	VALUES (new.id, new.name, coalesce(new.team, ''), '', coalesce(new.introduction, ''));
END;
--> statement-breakpoint
CREATE TRIGGER member_search_user_update AFTER UPDATE OF name, team, introduction ON users BEGIN
	DELETE FROM member_search WHERE rowid = old.id;
	INSERT INTO member_search(rowid, name, team, expertise, introduction)
	VALUES (
		new.id,
		new.name,
		coalesce(new.team, ''),
		coalesce((SELECT group_concat(tag, ' ') FROM member_expertise WHERE user_id = new.id), ''),
		coalesce(new.introduction, '')
	);
END;
--> statement-breakpoint
CREATE TRIGGER member_search_user_delete AFTER DELETE ON users BEGIN
	DELETE FROM member_search WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER member_search_expertise_insert AFTER INSERT ON member_expertise BEGIN
	UPDATE member_search
	SET expertise = coalesce((SELECT group_concat(tag, ' ') FROM member_expertise WHERE user_id = new.user_id), '')
	WHERE rowid = new.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER member_search_expertise_delete AFTER DELETE ON member_expertise BEGIN
	UPDATE member_search
	SET expertise = coalesce((SELECT group_concat(tag, ' ') FROM member_expertise WHERE user_id = old.user_id), '')
	WHERE rowid = old.user_id;
END;
