import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/sandbox/index.ts';

describe('runCommand', () => {
  describe('when the command succeeds', () => {
    it('captures stdout, stderr and the exit code, with stdin delivered and only PATH in the env', async () => {
      const outcome = await runCommand(['sh', '-c', 'cat; echo err >&2; env | sort; exit 3'], {
        stdin: 'in\n',
      });
      expect(outcome).toMatchObject({ exitCode: 3, signal: null, timedOut: false, spawnError: null });
      expect(outcome.stdout.split('\n').filter(Boolean)).toEqual([
        'in',
        expect.stringMatching(/^PATH=/),
        expect.stringMatching(/^PWD=/),
      ]);
      expect(outcome.stderr).toBe('err\n');
    });
  });

  describe('when the command outlives its timeout', () => {
    it('kills the whole process group and says so', async () => {
      const outcome = await runCommand(['sh', '-c', 'sleep 30 & sleep 30; echo never'], { timeoutMs: 200 });
      expect(outcome).toMatchObject({ exitCode: null, signal: 'SIGKILL', timedOut: true });
      expect(outcome.durationMs).toBeLessThan(5_000);
    });
  });

  describe('when the program does not exist', () => {
    it('reports a spawn error instead of throwing', async () => {
      const outcome = await runCommand(['/nonexistent/program']);
      expect(outcome.exitCode).toBeNull();
      expect(outcome.spawnError).toContain('ENOENT');
    });
  });
});
