-- Solves become durable pg-boss jobs. A run is 'queued' from the request until a worker claims
-- it, and 'interrupted' when the process running it died (the worker's startup recovery says so).
ALTER TABLE roster_solve_runs DROP CONSTRAINT roster_solve_runs_status_check;
ALTER TABLE roster_solve_runs
  ADD CONSTRAINT roster_solve_runs_status_check
  CHECK (status IN ('queued', 'running', 'done', 'stopped', 'failed', 'interrupted'));

-- Before this migration a solve lived only in the memory of the process that started it, and
-- migrations run as a node starts: a run still 'running' here belongs to a process that is gone.
UPDATE roster_solve_runs
SET status = 'interrupted',
    error = 'the server restarted while this solve was running; nothing was applied, start it again',
    finished_at = now()
WHERE status = 'running';

-- One active solve per roster, held by the database: two simultaneous requests cannot both start one.
CREATE UNIQUE INDEX roster_solve_runs_one_active ON roster_solve_runs (organization_id, roster_id)
  WHERE status IN ('queued', 'running');
