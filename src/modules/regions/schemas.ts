import { z } from 'zod';
import { isRegionCode } from '../../domain/region-code.js';

/** A Kemendagri code or ID; rejected with 422 before any access decision is made on it. */
export const regionCodeSchema = z
  .string()
  .trim()
  .refine(isRegionCode, { message: 'kode wilayah Kemendagri seperti 32, 32.02, 32.02.01 atau 32.02.01.2001 / a code such as 32.02' });
