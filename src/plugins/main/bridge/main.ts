import { runPlugin } from '../../skel/run.ts';
import { bridgePlugin } from './bridge.ts';

await runPlugin(bridgePlugin);
