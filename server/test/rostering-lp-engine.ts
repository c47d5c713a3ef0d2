// The real LP engine (HiGHS in WebAssembly) for the rostering tests: a test that needs it fails
// at once, saying why, rather than quietly running the annealing alone.
import type { MasterLpFactory } from '../src/modules/rostering/domain/master-lp.js';
import { loadMasterLpFactory } from '../src/modules/rostering/highs-master.js';

export async function requireLpEngine(): Promise<MasterLpFactory> {
  const f = await loadMasterLpFactory();
  if (!f) throw new Error('the HiGHS engine did not load');
  return f;
}
