import { regionTitle } from '../../../src/domain/wib';

/** Region names written entirely in capitals, shown in title case (the one rule: src/domain/wib.ts `regionTitle`). */
export const displayRegionName = (name: string): string => regionTitle(name);
