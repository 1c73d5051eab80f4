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
