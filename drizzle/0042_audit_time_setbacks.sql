-- Issue 20: a date-filtered audit page read the whole date range through audit_at_idx and sorted it by id
-- (2,000,000 rows: a month + action 20x slower than at 200,000). Where no backward step of the trail's
-- instants crosses a date's start, the rows stamped before it are exactly those below some id, so the page
-- can walk the ids between the two dates' ids instead (data/audit.queries.ts). audit_time_steps records
-- each backward step, audit_time_setbacks the stretches of instants they crossed, merged so they stay
-- disjoint (one seek tells whether an instant was crossed). See schema/system.ts.
CREATE TABLE `audit_time_setbacks` (
	`low` text PRIMARY KEY NOT NULL,
	`high` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_time_steps` (
	`id` integer PRIMARY KEY NOT NULL,
	`low` text NOT NULL,
	`high` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_time_steps_low_idx` ON `audit_time_steps` (`low`);
--> statement-breakpoint
-- The trail so far: each row stamped before the one just before it (by id) is a step (its at, that at].
INSERT INTO `audit_time_steps` (`id`, `low`, `high`)
SELECT id, at, prev FROM (SELECT id, at, lag(at) OVER (ORDER BY id) AS prev FROM `audit_log`) WHERE at < prev;
--> statement-breakpoint
-- Their stretches sorted by low form one group until one starts past the reach of those before it (touching
-- ones merge too); each group is stored as its union.
INSERT INTO `audit_time_setbacks` (`low`, `high`)
SELECT min(low), max(high) FROM (
  SELECT low, high, sum(starts) OVER (ORDER BY low, high ROWS UNBOUNDED PRECEDING) AS grp FROM (
    SELECT low, high,
      coalesce(low > max(high) OVER (ORDER BY low, high ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 1) AS starts
    FROM `audit_time_steps`
  )
)
GROUP BY grp;
--> statement-breakpoint
-- Every new row (ids only grow: AUTOINCREMENT, and no writer names an id) is compared with the row before
-- it, one seek by id; only a backward step writes: the step, and its stretch merged with every stored one it
-- overlaps or touches (the union is stored, replacing a stored one with the same low, then the others it
-- covers go).
CREATE TRIGGER `audit_log_time_setback` AFTER INSERT ON `audit_log`
WHEN NEW.`at` < (SELECT `at` FROM `audit_log` WHERE `id` < NEW.`id` ORDER BY `id` DESC LIMIT 1)
BEGIN
  INSERT INTO `audit_time_steps` (`id`, `low`, `high`)
  SELECT NEW.`id`, NEW.`at`, `at` FROM `audit_log` WHERE `id` < NEW.`id` ORDER BY `id` DESC LIMIT 1;
  INSERT OR REPLACE INTO `audit_time_setbacks` (`low`, `high`)
  SELECT min(NEW.`at`, coalesce(min(s.`low`), NEW.`at`)), max(p.`at`, coalesce(max(s.`high`), p.`at`))
  FROM (SELECT `at` FROM `audit_log` WHERE `id` < NEW.`id` ORDER BY `id` DESC LIMIT 1) AS p
  LEFT JOIN `audit_time_setbacks` AS s ON s.`low` <= p.`at` AND s.`high` >= NEW.`at`
    -- (none starts below the last one starting at or before NEW.at: a seek, not a scan of the table)
    AND s.`low` >= coalesce((SELECT `low` FROM `audit_time_setbacks` WHERE `low` <= NEW.`at` ORDER BY `low` DESC LIMIT 1), NEW.`at`);
  DELETE FROM `audit_time_setbacks`
  WHERE `low` > NEW.`at` AND `low` <= (SELECT `high` FROM `audit_time_setbacks` WHERE `low` <= NEW.`at` ORDER BY `low` DESC LIMIT 1);
END;
