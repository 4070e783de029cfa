import { reservedKeysScenario } from '../../src/runtime-conformance/scenarios/requests.ts';
import { judgeScenario } from './support/judge-scenario.ts';

judgeScenario(reservedKeysScenario);
