/**
 * Turning zod issues into ParseIssues: a JSON pointer ("/plugins/0/type") and a reason that names the
 * value received, so a report line says where, what and why.
 */
import type { z } from 'zod';
import type { ParseIssue } from '../errors.ts';

/** RFC 6901 pointer from path segments ("~" → "~0", "/" → "~1"). */
export function formatJsonPointer(segments: readonly PropertyKey[]): string {
  return segments
    .map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`)
    .join('');
}

const MAX_SHOWN_VALUE = 60;

// Parsers also see values JSON cannot hold (bigint, cycles, null-prototype objects): describe, never throw.
function stringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value === 'bigint' ? `${value}n` : Object.prototype.toString.call(value);
  }
}

/** A received value, shortened for one report line. */
export function formatReceived(value: unknown): string {
  const text = value === undefined ? 'nothing' : stringify(value);
  return text.length > MAX_SHOWN_VALUE ? `${text.slice(0, MAX_SHOWN_VALUE - 1)}…` : text;
}

function reasonOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return `is required (${issue.expected})`;
  const message = issue.message.replace(/^Invalid input: /, '');
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return message;
  // Say what each alternative wanted ("expected boolean … or expected one of "true"|"false"").
  return issue.errors
    .map((branch) => branch.map((inner) => inner.message.replace(/^Invalid (input|option): /, '')).join(', '))
    .join(' or ');
}

/** Converts zod issues (parsed with `reportInput: true`) to ParseIssues, with the base pointer prefixed. */
export function toParseIssues(issues: readonly z.core.$ZodIssue[], basePath = ''): ParseIssue[] {
  return issues.map((issue) => {
    const received = 'input' in issue && issue.code !== 'unrecognized_keys' ? issue.input : undefined;
    const suffix = issue.code === 'invalid_type' ? '' : ` (got ${formatReceived(received)})`;
    return { path: basePath + formatJsonPointer(issue.path), reason: reasonOf(issue) + suffix };
  });
}
