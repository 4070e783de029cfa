import { describe, expect, it } from 'vitest';
import { judgeReply } from './plugin-requests.ts';

describe('the fuzzers judge of a plugin reply', () => {
  it('accepts a result, an empty success and a well-known error with msg', () => {
    expect(judgeReply('{"cniVersion":"1.0.0"}', '', 0)).toBeUndefined();
    expect(judgeReply('', '', 0)).toBeUndefined();
    expect(judgeReply('{"code":7,"msg":"bad config"}', '', 1)).toBeUndefined();
    expect(judgeReply('{"code":101,"msg":"own code"}', '', 1)).toBeUndefined();
  });

  it('rejects a stack trace, a crash exit, an unknown code, a missing msg and non-JSON output', () => {
    expect(judgeReply('{"code":7,"msg":"x"}', 'TypeError: boom\n    at f (a.js:1:1)', 1)).toMatch(
      /stack trace/,
    );
    expect(judgeReply('', '', 134)).toMatch(/exit 134/);
    expect(judgeReply('', '', null)).toMatch(/exit null/);
    expect(judgeReply('{"code":8,"msg":"x"}', '', 1)).toMatch(/not a well-known/);
    expect(judgeReply('{"code":7}', '', 1)).toMatch(/without a msg/);
    expect(judgeReply('oops', '', 0)).toMatch(/non-JSON/);
  });
});
