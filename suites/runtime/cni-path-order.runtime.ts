import { cniPathOrderScenario } from '../../src/runtime-conformance/scenarios/config.ts';
import { judgeScenario } from './support/judge-scenario.ts';

judgeScenario(cniPathOrderScenario);
