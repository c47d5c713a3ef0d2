-- Rosters may start on any day of the week (issue 6): many facilities run their schedules Sunday to
-- Saturday, or from the first day of a pay period. The engine counts weekends by the calendar
-- (Saturday and Sunday, domain/model.ts weekendOf), not by the roster's day number, so the Monday
-- rule 0012 put on start_date is no longer needed. Lengths stay whole weeks.
ALTER TABLE rosters DROP CONSTRAINT rosters_start_date_check;
