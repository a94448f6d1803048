-- rasd store, version 4 (both databases): each document's sampled word shingles, for near-duplicate checks
ALTER TABLE documents ADD COLUMN shingles TEXT;
