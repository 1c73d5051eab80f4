-- Customer search pages a dense needle in the list's name order from indexes alone (issue 20). Its page was
-- found by walking customers_name_idx and reading each customer's row to test its search text and status, or
-- by reading and sorting every hit in the table (3–6 ms for 3,000 hits at 50,000 customers). The two walk
-- indexes carry the search text and status beside the name, so the walk, and the count of the hits within one
-- status, read the index only; `id` follows the name so that each is in the list's order (name, then id). The
-- narrow hits index, keyed by id, is where the hits are looked up when they are sorted instead (0.4 µs a hit
-- against 1 µs in the table). See data/customers-search.ts.
CREATE INDEX `customers_name_walk_idx` ON `customers` (name COLLATE NOCASE, id, status, search_text);
--> statement-breakpoint
CREATE INDEX `customers_status_walk_idx` ON `customers` (status, name COLLATE NOCASE, id, search_text);
--> statement-breakpoint
CREATE INDEX `customers_hits_idx` ON `customers` (id, name COLLATE NOCASE, status, brand_id);
--> statement-breakpoint
-- A needle of 1–2 characters (data/customers-search.ts shortNeedleHits): the trigram terms that begin with it,
-- and the texts that end with it. Without them a rare letter ("x", no hit) scanned all 50,000 search texts.
CREATE VIRTUAL TABLE `customers_fts_terms` USING fts5vocab(customers_fts, 'row');
--> statement-breakpoint
CREATE INDEX `customers_search_end2_idx` ON `customers` (substr(search_text, -2));
--> statement-breakpoint
CREATE INDEX `customers_search_end1_idx` ON `customers` (substr(search_text, -1));
--> statement-breakpoint
-- The same for the cash desk's PPPoE usernames (data/billing/cashdesk.queries.ts shortAccounts): "x" walked all
-- 50,000 usernames. NOCASE, as the desk's LIKE folds A–Z.
CREATE VIRTUAL TABLE `pppoe_accounts_fts_terms` USING fts5vocab(pppoe_accounts_fts, 'row');
--> statement-breakpoint
CREATE INDEX `pppoe_accounts_end2_idx` ON `pppoe_accounts` (substr(username, -2) COLLATE NOCASE);
--> statement-breakpoint
CREATE INDEX `pppoe_accounts_end1_idx` ON `pppoe_accounts` (substr(username, -1) COLLATE NOCASE);
