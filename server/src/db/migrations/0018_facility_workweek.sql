-- The facility's FLSA workweek: a fixed, recurring 168 hours that the employer may begin on any
-- day and at any hour (29 CFR 778.105). Overtime is counted per workweek, so the projection needs
-- it; many nursing homes run Sunday to Saturday. The day counts as the rest of the schema does
-- (0 Monday .. 6 Sunday, as coverage_demands.weekday); the hour is the local hour in the
-- facility's time_zone at which the week turns over. The default, Monday 00:00, is what the app
-- assumed before, so nothing changes for existing facilities.
ALTER TABLE facilities
  ADD COLUMN workweek_start_day smallint NOT NULL DEFAULT 0 CHECK (workweek_start_day BETWEEN 0 AND 6),
  ADD COLUMN workweek_start_hour smallint NOT NULL DEFAULT 0 CHECK (workweek_start_hour BETWEEN 0 AND 23);
