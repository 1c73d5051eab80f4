-- The billing automation's "what is there to do" reads without a pass over every row (issue 20). Ended
-- subscriptions and accounts past expiry were found through the status indexes, i.e. by reading every
-- active subscription and account (~5 ms each at 50,000 customers, on every tick, even a quiet one);
-- these partial indexes hold only the rows that can ever qualify, ordered by the date the tick compares.
-- The queries' WHERE clauses repeat each index's condition, which SQLite needs to use a partial index.
CREATE INDEX `subs_active_end_idx` ON `subscriptions` (`end_date`) WHERE status = 'active' AND end_date IS NOT NULL;
--> statement-breakpoint
CREATE INDEX `pppoe_expiry_idx` ON `pppoe_accounts` (`expires_at`) WHERE expires_at IS NOT NULL AND status IN ('active', 'suspended');
