-- rasd store, version 5 (both databases): governorate filter with the newest-first order
CREATE INDEX events_admin1_newest ON events (admin1, event_date DESC);
