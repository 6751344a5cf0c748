-- When an ingest last inserted or changed one of the market's readings: what the Peak Usage pages say as "last changed".
ALTER TABLE `markets` ADD `changed_at` text;