CREATE TABLE `staff_notification_prefs` (
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`enabled` integer NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_notification_prefs_uq` ON `staff_notification_prefs` (`user_id`,`kind`);--> statement-breakpoint
ALTER TABLE `message_outbox` ADD `ticket_id` integer;