-- rasd store, version 2 (both databases): indexes for the newest-first listing and its common filters (the API's hot path)
CREATE INDEX events_newest ON events (event_date DESC, id);
CREATE INDEX events_country_newest ON events (country, event_date DESC);
CREATE INDEX events_type_newest ON events (event_type, event_date DESC);
CREATE INDEX events_contested_newest ON events (contested, event_date DESC);
