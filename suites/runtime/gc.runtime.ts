import { gcScenario } from '../../src/runtime-conformance/scenarios/gc.ts';
import { judgeScenario } from './support/judge-scenario.ts';

judgeScenario(gcScenario);
