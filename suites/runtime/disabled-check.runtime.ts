import { disabledCheckScenario } from '../../src/runtime-conformance/scenarios/lifecycle.ts';
import { judgeScenario } from './support/judge-scenario.ts';

judgeScenario(disabledCheckScenario);
