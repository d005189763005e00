-- when-column-missing: cg_events.variant
-- The headline variant an impression or click was about (issue 8, headline bandits); null for every other event.
-- Added after the log first shipped: existing rows read back with no variant. SQLite has no ADD COLUMN IF NOT
-- EXISTS, so the installer runs this script only while the column named on the first line is missing.
ALTER TABLE cg_events ADD COLUMN variant TEXT;
