import { describe, expect, it } from 'vitest';
import {
  validateContainerId,
  validateInterfaceName,
  validateNetworkName,
} from '../../src/spec/identifiers.ts';

describe('identifier rules (notes §2.16)', () => {
  describe('container ID', () => {
    it.each(['abc', 'a_b.c-d', '0', 'A9'])('accepts %j', (value) => {
      expect(validateContainerId(value)).toBeUndefined();
    });
    it.each(['-abc', '_x', '.x', 'a/b', 'a b', 'ä', 'a:b'])('rejects %j with code 4', (value) => {
      expect(validateContainerId(value)).toMatchObject({ rule: 'invalid-characters', code: 4, value });
    });
    it('rejects the empty ID with code 3 (libcni)', () => {
      expect(validateContainerId('')).toMatchObject({ rule: 'empty', code: 3 });
    });
  });

  describe('network name', () => {
    it('accepts the container-ID charset and rejects the rest with code 7', () => {
      expect(validateNetworkName('db-net_1.0')).toBeUndefined();
      expect(validateNetworkName('my net')).toMatchObject({
        code: 7,
        reason: 'invalid characters found in network name',
      });
      expect(validateNetworkName('')).toMatchObject({ code: 7, reason: 'missing network name' });
    });
  });

  describe('interface name', () => {
    it('accepts 15 bytes and rejects 16', () => {
      expect(validateInterfaceName('a'.repeat(15))).toBeUndefined();
      expect(validateInterfaceName('a'.repeat(16))).toMatchObject({ rule: 'too-long', code: 4 });
    });
    it('counts bytes, not characters', () => {
      expect(validateInterfaceName('ä'.repeat(7))).toBeUndefined();
      expect(validateInterfaceName('ä'.repeat(8))).toMatchObject({ rule: 'too-long' });
    });
    it.each([
      ['', 'empty'],
      ['.', 'dot-name'],
      ['..', 'dot-name'],
      ['eth 0', 'forbidden-character'],
      ['a/b', 'forbidden-character'],
      ['a:b', 'forbidden-character'],
      ['eth\t0', 'forbidden-character'],
      ['eth\u00a00', 'forbidden-character'],
      ['eth\u20280', 'forbidden-character'],
    ])('rejects %j (%s) with code 4', (value, rule) => {
      expect(validateInterfaceName(value)).toMatchObject({ rule, code: 4 });
    });
    it('accepts characters Go does not count as space', () => {
      expect(validateInterfaceName('eth\ufeff0')).toBeUndefined();
      expect(validateInterfaceName('...')).toBeUndefined();
    });
  });
});
