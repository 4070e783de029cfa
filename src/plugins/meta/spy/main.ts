import { runSpy } from './spy.ts';

runSpy(process.argv[1] ?? 'spy');
