CREATE TABLE `privacy_erasures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`customer_code` text NOT NULL,
	`at` text NOT NULL,
	`requested_by` text NOT NULL,
	`reason` text NOT NULL,
	`user_id` integer,
	`source` text,
	`scrubbing` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `privacy_erasures_customer_idx` ON `privacy_erasures` (`customer_id`);--> statement-breakpoint
ALTER TABLE `customers` ADD `erased_at` text;--> statement-breakpoint
-- The audit trail stays append-only with one exception: inside a customer erasure (core/privacy/erase.ts)
-- the personal values in old audit rows are blanked. That transaction marks its privacy_erasures row
-- `scrubbing = 1` and clears the mark before it commits, so no other writer ever sees it. Even then only
-- before/after/reason may change: who, when, what and from where stay as recorded.
DROP TRIGGER `audit_log_no_update`;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
WHEN NOT (
  EXISTS (SELECT 1 FROM `privacy_erasures` WHERE `scrubbing` = 1)
  AND NEW.`id` = OLD.`id` AND NEW.`at` = OLD.`at` AND NEW.`user_id` IS OLD.`user_id`
  AND NEW.`username` IS OLD.`username` AND NEW.`action` = OLD.`action` AND NEW.`entity` = OLD.`entity`
  AND NEW.`entity_id` IS OLD.`entity_id` AND NEW.`source` IS OLD.`source`
)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be changed');
END;
