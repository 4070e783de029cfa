import { runPlugin } from '../../skel/run.ts';
import { bridgePlugin } from './bridge.ts';

void runPlugin(bridgePlugin);
