import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteArgv, quoteSteps } from '../../../src/sandbox/vagrant/shell-quote.ts';

/** What a real POSIX shell makes of a command line: the argv printf receives. */
function shellSplit(line: string): string[] {
  const out = execFileSync('sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('quoteArgv (vagrant ssh -c command lines)', () => {
  it('a real sh splits the quoted line back into exactly the argv, whatever the words hold', () => {
    const word = fc.string({ unit: 'grapheme', minLength: 1 }).filter((w) => !w.includes('\0'));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), (argv) => {
        expect(shellSplit(quoteArgv(argv))).toEqual(argv);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps hostile words inert: no expansion, substitution or command separation', () => {
    const hostile = ["'; touch /tmp/pwned #", '$(id)', '`id`', '$HOME', 'a b', '*', '\n', "it's"];
    expect(shellSplit(quoteArgv(hostile))).toEqual(hostile);
  });

  it('chains steps with && so the guest stops at the first failure', () => {
    expect(quoteSteps([['mkdir', '-p', '/tmp/x y'], ['true']])).toBe("mkdir -p '/tmp/x y' && true");
  });
});
