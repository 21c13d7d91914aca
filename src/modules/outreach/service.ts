import type { SessionUser } from '../../access/session-user.js';
import type { Db } from '../../db/client.js';
import { type Audience, commonRegion } from '../../domain/outreach.js';
import { inSubtree } from '../../domain/region-code.js';
import { errors } from '../../lib/errors.js';
import { audited } from '../../db/tx.js';
import { actorOf } from '../employers/service.js';
import { regionIndex } from '../regions/region-index.js';

export interface OutreachInput {
  heldOn: string;
  title: string;
  organiser: string;
  audiences: Audience[];
  attendance: number;
  enrolmentsAfter: number;
  villageCodes: string[];
  notes?: string;
}

export async function recordEvent(db: Db, user: SessionUser, input: OutreachInput) {
  const villages = [...new Set(input.villageCodes)];
  const index = await regionIndex(db);
  const unknown = villages.filter((v) => !index.villageExists(v));
  if (unknown.length) {
    throw errors.invalid('body.villageCodes', 'VILLAGE_UNKNOWN', {
      id: `Kode desa tidak dikenal: ${unknown.slice(0, 5).join(', ')}.`,
      en: `Unknown village codes: ${unknown.slice(0, 5).join(', ')}.`,
    });
  }
  const outside = villages.find((v) => !inSubtree(user.regionCode, v));
  if (outside) throw errors.forbiddenRegion(outside);
  if (input.heldOn > new Date().toISOString().slice(0, 10)) {
    throw errors.invalid('body.heldOn', 'DATE_IN_FUTURE', { id: 'Tanggal kegiatan belum terjadi; catat kegiatan setelah dilaksanakan.', en: 'The event date is in the future; record events once held.' });
  }
  const region = commonRegion(villages);
  return audited(db, actorOf(user), async (tx) => {
    const e = await tx
      .insertInto('outreach_event')
      .values({
        held_on: input.heldOn,
        title: input.title.trim(),
        organiser: input.organiser.trim(),
        audiences: [...new Set(input.audiences)],
        attendance: input.attendance,
        enrolments_after: input.enrolmentsAfter,
        region_code: region,
        notes: input.notes?.trim() ?? '',
        created_by: user.username,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx.insertInto('outreach_village').values(villages.map((v) => ({ event_id: e.id, village_code: v }))).execute();
    const result = {
      id: e.id,
      heldOn: e.held_on,
      title: e.title,
      organiser: e.organiser,
      audiences: e.audiences,
      attendance: e.attendance,
      enrolmentsAfter: e.enrolments_after,
      region: e.region_code,
      notes: e.notes,
      createdBy: e.created_by,
      villageCount: villages.length,
    };
    return { result, audit: [{ action: 'create', entityType: 'outreach_event', entityId: String(e.id), regionCode: region, before: null, after: { ...result, villageCodes: villages } }] };
  });
}
