-- Rostering limits the engine always had but the app fixed in code: the shortest run of shifts a
-- person works (their contract; 1 means a single shift between days off is fine), the most shifts
-- of a type per 4 weeks (their contract, keyed by shift code, e.g. {"N": 8}; empty: no limit
-- beyond the nights limit) and the minimum rest between the end of one shift and the start of the
-- next (per unit, because the engine expresses rest as "shift X may not be followed by shift Y the
-- next day", which is the same for everyone on the unit's shifts). Defaults keep what the code
-- did: 1, no per-type limit and 10 hours.
ALTER TABLE staff_contracts
  ADD COLUMN min_consecutive_shifts integer NOT NULL DEFAULT 1 CHECK (min_consecutive_shifts BETWEEN 1 AND 7),
  ADD COLUMN max_shifts_per_4_weeks jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(max_shifts_per_4_weeks) = 'object');

ALTER TABLE roster_units
  ADD COLUMN min_rest_minutes integer NOT NULL DEFAULT 600 CHECK (min_rest_minutes BETWEEN 0 AND 1440);
