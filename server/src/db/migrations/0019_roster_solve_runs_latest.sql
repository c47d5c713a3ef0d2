-- The solve panel asks for a roster's latest run on every load (GET /api/rosters/:id/solve-runs,
-- listSolveRuns: organization and roster, newest started_at first, id to break a tie), and the run
-- history of a roster only grows. This index answers that query by reading its first entries,
-- where without it every run of the roster is read and sorted. The one-active index does not
-- help: it holds queued and running runs only.
CREATE INDEX roster_solve_runs_latest ON roster_solve_runs (organization_id, roster_id, started_at DESC, id);
