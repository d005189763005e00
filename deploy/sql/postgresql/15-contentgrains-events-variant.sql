-- The headline variant an impression or click was about (issue 8, headline bandits); null for every other event.
-- Added after the log first shipped: existing rows read back with no variant.
ALTER TABLE cg_events ADD COLUMN IF NOT EXISTS variant varchar(128);
