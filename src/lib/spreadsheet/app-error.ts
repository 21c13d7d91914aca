import { AppError } from '../errors.js';
import { SpreadsheetError } from './read-rows.js';

/** The one conversion of a spreadsheet reading problem into the API's error (422 on the "file" field); other errors pass through. */
export function asAppError(err: unknown): unknown {
  if (err instanceof SpreadsheetError) return new AppError(422, err.code, { id: err.messageId, en: err.messageEn }, 'file', undefined, err.details);
  return err;
}
