import { lifecycleScenario } from '../../src/runtime-conformance/scenarios/lifecycle.ts';
import { judgeScenario } from './support/judge-scenario.ts';

judgeScenario(lifecycleScenario);
