-- A solve whose roster meets the LP bound of its column generation (the solver stopped early as
-- optimal): no roster of this unit, people and rules has a lower penalty. The solve panel says so,
-- since it tells a manager that the places left short cannot be filled with the staff as they are.
ALTER TABLE roster_solve_runs ADD COLUMN proven_best boolean NOT NULL DEFAULT false;
