ALTER TABLE `routers` ADD `sync_hold` text;--> statement-breakpoint
ALTER TABLE `routers` ADD `sync_hold_since` text;