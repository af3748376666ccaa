CREATE TABLE `budget_expense_groups` (
	`budget_id` integer NOT NULL,
	`kind` text NOT NULL,
	`department_id` integer NOT NULL,
	`ogw_role` text NOT NULL,
	`status` text NOT NULL,
	`expense_count` integer DEFAULT 0 NOT NULL,
	`amount_cents` integer DEFAULT 0 NOT NULL,
	`settled_cents` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`budget_id`, `kind`, `department_id`, `ogw_role`, `status`),
	FOREIGN KEY (`budget_id`) REFERENCES `budgets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `budget_ledger_buckets` (
	`budget_id` integer NOT NULL,
	`bucket` text NOT NULL,
	`available_delta_cents` integer NOT NULL,
	PRIMARY KEY(`budget_id`, `bucket`),
	FOREIGN KEY (`budget_id`) REFERENCES `budgets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `budget_ledger_totals` (
	`budget_id` integer PRIMARY KEY NOT NULL,
	`allocation_cents` integer DEFAULT 0 NOT NULL,
	`commitment_cents` integer DEFAULT 0 NOT NULL,
	`release_cents` integer DEFAULT 0 NOT NULL,
	`actual_cents` integer DEFAULT 0 NOT NULL,
	`correction_cents` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`budget_id`) REFERENCES `budgets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `expenses_budget_significant_idx` ON `expenses` (`budget_id`,`significant`);--> statement-breakpoint
-- The aggregates follow the rows they sum whatever code path writes them (docs/decisions/
-- 010-maintained-budget-aggregates.md). The ledger is append-only (0004), so its inserts are all
-- there is to follow; expenses change status and amounts, so theirs are followed on every change.
CREATE TRIGGER budget_ledger_totals_insert AFTER INSERT ON ledger_entries BEGIN
	INSERT INTO budget_ledger_totals (budget_id, allocation_cents, commitment_cents, release_cents, actual_cents, correction_cents)
	VALUES (
		new.budget_id,
		CASE WHEN new.type = 'allocation' THEN new.amount_cents ELSE 0 END,
		CASE WHEN new.type = 'commitment' THEN new.amount_cents ELSE 0 END,
		CASE WHEN new.type = 'release' THEN new.amount_cents ELSE 0 END,
		CASE WHEN new.type = 'actual' THEN new.amount_cents ELSE 0 END,
		CASE WHEN new.type = 'correction' THEN new.amount_cents ELSE 0 END
	)
	ON CONFLICT (budget_id) DO UPDATE SET
		allocation_cents = allocation_cents + excluded.allocation_cents,
		commitment_cents = commitment_cents + excluded.commitment_cents,
		release_cents = release_cents + excluded.release_cents,
		actual_cents = actual_cents + excluded.actual_cents,
		correction_cents = correction_cents + excluded.correction_cents;
	-- Hours 22 and 23 UTC are buckets of their own: in Huizen they may fall on the next day.
	INSERT INTO budget_ledger_buckets (budget_id, bucket, available_delta_cents)
	VALUES (
		new.budget_id,
		coalesce(
			strftime('%Y-%m-%dT', new.at)
				|| CASE WHEN strftime('%H', new.at) >= '22' THEN strftime('%H', new.at) ELSE '00' END
				|| ':00:00.000Z',
			new.at
		),
		CASE WHEN new.type IN ('allocation', 'release') THEN new.amount_cents ELSE -new.amount_cents END
	)
	ON CONFLICT (budget_id, bucket) DO UPDATE SET
		available_delta_cents = available_delta_cents + excluded.available_delta_cents;
END;
--> statement-breakpoint
CREATE TRIGGER budget_expense_groups_insert AFTER INSERT ON expenses BEGIN
	INSERT INTO budget_expense_groups (budget_id, kind, department_id, ogw_role, status, expense_count, amount_cents, settled_cents)
	VALUES (
		new.budget_id, new.kind, coalesce(new.department_id, 0), coalesce(new.ogw_role, ''), new.status,
		1, new.amount_cents, coalesce(new.paid_amount_cents, new.amount_cents)
	)
	ON CONFLICT (budget_id, kind, department_id, ogw_role, status) DO UPDATE SET
		expense_count = expense_count + 1,
		amount_cents = amount_cents + excluded.amount_cents,
		settled_cents = settled_cents + excluded.settled_cents;
END;
--> statement-breakpoint
CREATE TRIGGER budget_expense_groups_update
AFTER UPDATE OF budget_id, kind, department_id, ogw_role, status, amount_cents, paid_amount_cents ON expenses
BEGIN
	UPDATE budget_expense_groups SET
		expense_count = expense_count - 1,
		amount_cents = amount_cents - old.amount_cents,
		settled_cents = settled_cents - coalesce(old.paid_amount_cents, old.amount_cents)
	WHERE budget_id = old.budget_id AND kind = old.kind AND department_id = coalesce(old.department_id, 0)
		AND ogw_role = coalesce(old.ogw_role, '') AND status = old.status;
	INSERT INTO budget_expense_groups (budget_id, kind, department_id, ogw_role, status, expense_count, amount_cents, settled_cents)
	VALUES (
		new.budget_id, new.kind, coalesce(new.department_id, 0), coalesce(new.ogw_role, ''), new.status,
		1, new.amount_cents, coalesce(new.paid_amount_cents, new.amount_cents)
	)
	ON CONFLICT (budget_id, kind, department_id, ogw_role, status) DO UPDATE SET
		expense_count = expense_count + 1,
		amount_cents = amount_cents + excluded.amount_cents,
		settled_cents = settled_cents + excluded.settled_cents;
END;
--> statement-breakpoint
CREATE TRIGGER budget_expense_groups_delete AFTER DELETE ON expenses BEGIN
	UPDATE budget_expense_groups SET
		expense_count = expense_count - 1,
		amount_cents = amount_cents - old.amount_cents,
		settled_cents = settled_cents - coalesce(old.paid_amount_cents, old.amount_cents)
	WHERE budget_id = old.budget_id AND kind = old.kind AND department_id = coalesce(old.department_id, 0)
		AND ogw_role = coalesce(old.ogw_role, '') AND status = old.status;
END;
--> statement-breakpoint
-- Backfill from the rows already there.
INSERT INTO budget_ledger_totals (budget_id, allocation_cents, commitment_cents, release_cents, actual_cents, correction_cents)
SELECT
	budget_id,
	coalesce(sum(CASE WHEN type = 'allocation' THEN amount_cents END), 0),
	coalesce(sum(CASE WHEN type = 'commitment' THEN amount_cents END), 0),
	coalesce(sum(CASE WHEN type = 'release' THEN amount_cents END), 0),
	coalesce(sum(CASE WHEN type = 'actual' THEN amount_cents END), 0),
	coalesce(sum(CASE WHEN type = 'correction' THEN amount_cents END), 0)
FROM ledger_entries GROUP BY budget_id;
--> statement-breakpoint
INSERT INTO budget_ledger_buckets (budget_id, bucket, available_delta_cents)
SELECT budget_id, bucket, sum(delta) FROM (
	SELECT
		budget_id,
		coalesce(
			strftime('%Y-%m-%dT', at)
				|| CASE WHEN strftime('%H', at) >= '22' THEN strftime('%H', at) ELSE '00' END
				|| ':00:00.000Z',
			at
		) AS bucket,
		CASE WHEN type IN ('allocation', 'release') THEN amount_cents ELSE -amount_cents END AS delta
	FROM ledger_entries
) GROUP BY budget_id, bucket;
--> statement-breakpoint
INSERT INTO budget_expense_groups (budget_id, kind, department_id, ogw_role, status, expense_count, amount_cents, settled_cents)
SELECT
	budget_id, kind, coalesce(department_id, 0), coalesce(ogw_role, ''), status,
	count(*), sum(amount_cents), sum(coalesce(paid_amount_cents, amount_cents))
FROM expenses
GROUP BY budget_id, kind, coalesce(department_id, 0), coalesce(ogw_role, ''), status;
