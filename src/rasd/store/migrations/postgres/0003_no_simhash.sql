-- rasd store, version 3 (both databases): near-duplicates are found by shingle similarity, no stored fingerprint
ALTER TABLE documents DROP COLUMN simhash;
