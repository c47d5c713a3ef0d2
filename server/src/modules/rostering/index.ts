// The rostering module's public surface: the problem model, the one evaluator, the solver (pure
// core and worker wrapper), the solve job, repair mode, the benchmark-format parser and the CLI front end.
export { type ConstraintName, type Evaluation, evaluateRoster, type Shortfall, type Violation } from './domain/evaluate.js';
export {
  type Assignment,
  assignmentsToRoster,
  type CoverDemand,
  type Disallowed,
  type Employee,
  gateByPredicate,
  type Roster,
  type RosterProblem,
  rosterToAssignments,
  type ShiftRequest,
  type ShiftType,
} from './domain/model.js';
export { InstanceFormatError, parseBenchmarkInstance } from './domain/parse-benchmark.js';
export { applyChange, DEFAULT_CHANGE_WEIGHT, type RepairResult, type RosterChange, repairRoster } from './domain/repair.js';
export { solveRoster } from './domain/solve-phases.js';
export type { SolveOptions, SolveProgress, SolveResult } from './domain/solver.js';
export { ROSTER_HELP, runRosterCommand } from './roster-command.js';
export { rosteringRoutes } from './routes.js';
export { seedRostering } from './seed.js';
export { rosteringCards } from './service/cards.js';
export { SOLVE_QUEUE, solveJob } from './service/solve-job.js';
export { type SolverJob, type SolverOutcome, type SolverProgress, type SolverRun, startSolverWorker } from './solver-worker.js';
