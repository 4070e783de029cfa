/** Every runtime scenario, in the order suites and the CLI run them. */
import type { RuntimeScenario } from '../scenario.ts';
import { aggregatedPluginsScenario, cniPathOrderScenario, missingPluginScenario } from './config.ts';
import { addFailureScenario, delFailureScenario, statusScenario } from './failures.ts';
import { concurrencyScenario, gcScenario } from './gc.ts';
import {
  disabledCheckScenario,
  disabledGcScenario,
  lifecycleScenario,
  versionScenario,
} from './lifecycle.ts';
import { reservedKeysScenario, resultVersionScenario } from './requests.ts';

export const RUNTIME_SCENARIOS: readonly RuntimeScenario[] = [
  lifecycleScenario,
  versionScenario,
  disabledCheckScenario,
  disabledGcScenario,
  addFailureScenario,
  delFailureScenario,
  statusScenario,
  gcScenario,
  concurrencyScenario,
  aggregatedPluginsScenario,
  cniPathOrderScenario,
  missingPluginScenario,
  reservedKeysScenario,
  resultVersionScenario,
];
