import { concurrencyScenario } from '../../src/runtime-conformance/scenarios/gc.ts';
import { judgeScenario } from './support/judge-scenario.ts';

judgeScenario(concurrencyScenario);
