-- Audit text search without reading the whole trail (issue 20): a trigram index of each row's searchable
-- columns (username, action, entity, entity_id, before, after, reason, source), one per line. It only
-- narrows the rows: the query still tests each column with LIKE, so the results are exactly those of the
-- scan. Contentless (the text is already in audit_log) with contentless_delete so the erasure's scrub
-- (the one UPDATE the append-only triggers allow) can replace a row's entry.
CREATE VIRTUAL TABLE `audit_fts` USING fts5(text, content='', contentless_delete=1, tokenize='trigram', detail='none');
--> statement-breakpoint
INSERT INTO `audit_fts`(rowid, text)
  SELECT id, concat_ws(char(10), username, action, entity, entity_id, before, after, reason, source) FROM audit_log;
--> statement-breakpoint
CREATE TRIGGER `audit_fts_insert` AFTER INSERT ON `audit_log` BEGIN
  INSERT INTO audit_fts(rowid, text)
    VALUES (new.id, concat_ws(char(10), new.username, new.action, new.entity, new.entity_id, new.before, new.after, new.reason, new.source));
END;
--> statement-breakpoint
CREATE TRIGGER `audit_fts_update` AFTER UPDATE ON `audit_log` BEGIN
  DELETE FROM audit_fts WHERE rowid = old.id;
  INSERT INTO audit_fts(rowid, text)
    VALUES (new.id, concat_ws(char(10), new.username, new.action, new.entity, new.entity_id, new.before, new.after, new.reason, new.source));
END;
--> statement-breakpoint
CREATE TRIGGER `audit_fts_delete` AFTER DELETE ON `audit_log` BEGIN
  DELETE FROM audit_fts WHERE rowid = old.id;
END;
--> statement-breakpoint
-- Customer search answers its count and its hits from the index alone (issue 20). The trigram index of
-- migration 0014 folded case and kept no positions, so each hit had to be re-read and re-tested with LIKE
-- (13 ms for a needle in 16,000 of 50,000 customers). Case-sensitive over search_text, which lower() keeps
-- free of A–Z, and with positions, a quoted needle is matched as a run of consecutive trigrams: exactly the
-- rows whose search text contains it, as LIKE finds them (data/customers-search.ts). Same name, same
-- triggers (they name the table, not its options).
DROP TABLE `customers_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `customers_fts` USING fts5(search_text, content='customers', content_rowid='id', tokenize='trigram case_sensitive 1', detail='full');
--> statement-breakpoint
INSERT INTO `customers_fts`(`customers_fts`) VALUES ('rebuild');
