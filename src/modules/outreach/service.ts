import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { audited } from '../../db/tx.js';
import { commonRegion } from '../../domain/outreach.js';
import { errors } from '../../lib/errors.js';
import { actorOf } from '../employers/service.js';
import { regionIndex } from '../regions/region-index.js';
import { insertEvent } from './queries.js';
import type { OutreachEvent, OutreachInput } from './schemas.js';
import { todayWib } from '../../domain/wib.js';

/** Records an event; the route checked that its villages lie in the user's subtree. */
export async function recordEvent(db: Db, user: SessionUser, input: OutreachInput): Promise<OutreachEvent> {
  const villages = [...new Set(input.villageCodes)];
  const index = await regionIndex(db);
  const unknown = villages.filter((v) => !index.villageExists(v));
  if (unknown.length) {
    throw errors.invalid('body.villageCodes', 'VILLAGE_UNKNOWN', {
      id: `Kode desa tidak dikenal: ${unknown.slice(0, 5).join(', ')}.`,
      en: `Unknown village codes: ${unknown.slice(0, 5).join(', ')}.`,
    });
  }
  if (input.heldOn > todayWib()) {
    throw errors.invalid('body.heldOn', 'DATE_IN_FUTURE', { id: 'Tanggal kegiatan belum terjadi; catat kegiatan setelah dilaksanakan.', en: 'The event date is in the future; record events once held.' });
  }
  const region = commonRegion(villages);
  return audited(db, actorOf(user), async (tx) => {
    const result = await insertEvent(
      tx,
      {
        held_on: input.heldOn,
        title: input.title.trim(),
        organiser: input.organiser.trim(),
        audiences: [...new Set(input.audiences)],
        attendance: input.attendance,
        enrolments_after: input.enrolmentsAfter,
        region_code: region,
        notes: input.notes?.trim() ?? '',
        created_by: user.username,
      },
      villages,
    );
    return { result, audit: [{ action: 'create', entityType: 'outreach_event', entityId: String(result.id), regionCode: region, before: null, after: { ...result, villageCodes: villages } }] };
  });
}
