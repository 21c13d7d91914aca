import type { TFunction } from 'i18next';
import type { EnrolmentStatus } from '../../../../src/domain/worker';

/** Colour of each enrolment status badge (see .status-badge-* in styles/page.css). */
export const STATUS_TONE: Record<EnrolmentStatus, 'blue' | 'cyan' | 'green' | 'orange' | 'grey'> = {
  submitted: 'blue',
  registered: 'cyan',
  active: 'green',
  lapsed: 'orange',
  ended: 'grey',
};

/** Statuses, groups etc. come from the server as codes; unknown ones are shown as they are. */
export function statusLabel(t: TFunction, status: string): string {
  return t(`statuses.${status as EnrolmentStatus}`, { defaultValue: status });
}
