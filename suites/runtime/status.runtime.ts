import { statusScenario } from '../../src/runtime-conformance/scenarios/failures.ts';
import { judgeScenario } from './support/judge-scenario.ts';

judgeScenario(statusScenario);
