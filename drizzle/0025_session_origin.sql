ALTER TABLE `auth_sessions` ADD `source` text;--> statement-breakpoint
ALTER TABLE `auth_sessions` ADD `user_agent` text;--> statement-breakpoint
ALTER TABLE `auth_sessions` ADD `device` text;--> statement-breakpoint
ALTER TABLE `auth_sessions` ADD `seat` text;--> statement-breakpoint
ALTER TABLE `auth_sessions` ADD `ended_by` integer REFERENCES users(id);