-- Substring search without a full scan (issue 20): trigram full-text indexes over the customers' search text
-- and the PPPoE usernames. SQLite answers `LIKE '%abc%'` on these tables from the index for any pattern with
-- a run of 3+ characters and re-checks each hit, so results are exactly those of LIKE on the base table.
-- External content (content=…): the index holds only trigrams; the text stays in the base table.
CREATE VIRTUAL TABLE `customers_fts` USING fts5(search_text, content='customers', content_rowid='id', tokenize='trigram', detail='none');
--> statement-breakpoint
INSERT INTO `customers_fts`(rowid, search_text) SELECT id, search_text FROM customers;
--> statement-breakpoint
CREATE TRIGGER `customers_fts_insert` AFTER INSERT ON `customers` BEGIN
  INSERT INTO customers_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_fts_delete` AFTER DELETE ON `customers` BEGIN
  INSERT INTO customers_fts(customers_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_fts_update` AFTER UPDATE ON `customers` WHEN old.search_text IS NOT new.search_text BEGIN
  INSERT INTO customers_fts(customers_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO customers_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `pppoe_accounts_fts` USING fts5(username, content='pppoe_accounts', content_rowid='id', tokenize='trigram', detail='none');
--> statement-breakpoint
INSERT INTO `pppoe_accounts_fts`(rowid, username) SELECT id, username FROM pppoe_accounts;
--> statement-breakpoint
CREATE TRIGGER `pppoe_accounts_fts_insert` AFTER INSERT ON `pppoe_accounts` BEGIN
  INSERT INTO pppoe_accounts_fts(rowid, username) VALUES (new.id, new.username);
END;
--> statement-breakpoint
CREATE TRIGGER `pppoe_accounts_fts_delete` AFTER DELETE ON `pppoe_accounts` BEGIN
  INSERT INTO pppoe_accounts_fts(pppoe_accounts_fts, rowid, username) VALUES ('delete', old.id, old.username);
END;
--> statement-breakpoint
CREATE TRIGGER `pppoe_accounts_fts_update` AFTER UPDATE OF username ON `pppoe_accounts` BEGIN
  INSERT INTO pppoe_accounts_fts(pppoe_accounts_fts, rowid, username) VALUES ('delete', old.id, old.username);
  INSERT INTO pppoe_accounts_fts(rowid, username) VALUES (new.id, new.username);
END;
