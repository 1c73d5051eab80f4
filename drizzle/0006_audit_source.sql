-- Where each audited action came from. ADD COLUMN keeps the table, so the append-only triggers of
-- 0002 stay in force (tests/unit/security/audit.test.ts checks they still refuse UPDATE and DELETE).
ALTER TABLE `audit_log` ADD `source` text;--> statement-breakpoint
CREATE INDEX `audit_source_idx` ON `audit_log` (`source`);