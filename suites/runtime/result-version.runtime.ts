import { resultVersionScenario } from '../../src/runtime-conformance/scenarios/requests.ts';
import { judgeScenario } from './support/judge-scenario.ts';

judgeScenario(resultVersionScenario);
