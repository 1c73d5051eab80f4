CREATE TABLE `audit_fts_mark` (
	`id` integer PRIMARY KEY NOT NULL,
	`through` integer NOT NULL
);
--> statement-breakpoint
-- Audit text search without reading the whole trail, and without taxing audited writes (issue 20): a
-- trigram index of each row's searchable columns, kept lazily. No trigger: a text search (or an idle
-- moment) first indexes the rows after audit_fts_mark.through, in its own transaction, then queries
-- (data/audit-search.ts). The index only narrows: each row it names is re-tested with LIKE, so the
-- answer is the scan's. Contentless (the text is in audit_log) with contentless_delete, so the privacy
-- erasure's scrub (the one UPDATE the append-only triggers allow) can replace a row's entry. Empty at
-- first (mark 0): indexing a big trail here would hold up the start-up; the first catch-up does it.
CREATE VIRTUAL TABLE `audit_fts` USING fts5(text, content='', contentless_delete=1, tokenize='trigram', detail='none');
--> statement-breakpoint
INSERT INTO `audit_fts_mark`(`id`, `through`) VALUES (1, 0);
