import { describe, expect, it } from 'vitest';
import { describeIssue } from './validation-messages.js';

describe('validation messages', () => {
  it('names the field in Indonesian and English', () => {
    expect(describeIssue({ code: 'invalid_type', message: 'Invalid input: expected string, received undefined', instancePath: '/username' }, 'body')).toEqual({
      field: 'body.username',
      code: 'REQUIRED',
      message: 'Kolom "username" wajib diisi.',
      messageEn: 'Field "username" is required.',
    });
    const big = describeIssue({ code: 'too_big', maximum: 200, instancePath: '/limit' }, 'querystring');
    expect(big).toMatchObject({ field: 'querystring.limit', code: 'TOO_BIG' });
    expect(big.message).toContain('maksimal 200');
    expect(describeIssue({ code: 'invalid_value', values: ['a', 'b'], instancePath: '/role' }, 'body').message).toBe('Kolom "role" harus salah satu dari: a, b.');
  });
});
