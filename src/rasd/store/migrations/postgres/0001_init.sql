-- rasd store, version 1 (PostgreSQL)
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    simhash BIGINT NOT NULL,
    title TEXT, url TEXT, outlet TEXT, published TEXT,
    text TEXT NOT NULL,
    duplicate_of TEXT,
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_published ON documents (published);
CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents (id),
    seq INTEGER NOT NULL,
    role TEXT, event_date TEXT, time_precision INTEGER,
    event_type TEXT, sub_event_type TEXT, country TEXT, admin1 TEXT,
    latitude DOUBLE PRECISION, longitude DOUBLE PRECISION, geo_precision INTEGER,
    event_id TEXT,
    data TEXT NOT NULL
);
CREATE INDEX reports_block ON reports (country, event_date);
CREATE INDEX reports_event ON reports (event_id);
CREATE INDEX reports_doc ON reports (doc_id);
CREATE TABLE links (a TEXT NOT NULL, b TEXT NOT NULL, score DOUBLE PRECISION NOT NULL, PRIMARY KEY (a, b));
CREATE INDEX links_b ON links (b);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    event_date TEXT, event_type TEXT, sub_event_type TEXT,
    country TEXT, admin1 TEXT, latitude DOUBLE PRECISION, longitude DOUBLE PRECISION,
    fatalities INTEGER, contested INTEGER NOT NULL DEFAULT 0,
    actors TEXT NOT NULL DEFAULT '', n_documents INTEGER NOT NULL DEFAULT 0,
    data TEXT NOT NULL
);
CREATE INDEX events_date ON events (event_date);
CREATE INDEX events_where ON events (country, admin1);
CREATE TABLE search (
    doc_id TEXT NOT NULL,
    report_id TEXT,
    body TEXT NOT NULL,
    tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED
);
CREATE INDEX search_tsv ON search USING GIN (tsv);
CREATE INDEX search_doc ON search (doc_id);
