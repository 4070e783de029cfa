import { runPlugin } from '../../skel/run.ts';
import { loopbackPlugin } from './loopback.ts';

void runPlugin(loopbackPlugin);
