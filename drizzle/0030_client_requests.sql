CREATE TABLE `client_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`request_id` text NOT NULL,
	`channel` text NOT NULL,
	`content_hash` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer NOT NULL,
	`answer` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `client_requests_user_uq` ON `client_requests` (`user_id`,`request_id`);--> statement-breakpoint
CREATE INDEX `client_requests_entity_idx` ON `client_requests` (`entity`,`entity_id`);--> statement-breakpoint
-- Part of the money's history (issue 17): a claimed request id is never changed or removed, so a repeat
-- can always be answered with its first result and never taken twice.
CREATE TRIGGER `client_requests_no_update` BEFORE UPDATE ON `client_requests`
BEGIN
  SELECT RAISE(ABORT, 'client_requests is append-only: rows cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER `client_requests_no_delete` BEFORE DELETE ON `client_requests`
BEGIN
  SELECT RAISE(ABORT, 'client_requests is append-only: rows cannot be deleted');
END;
