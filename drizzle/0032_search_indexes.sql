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
