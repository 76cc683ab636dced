import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import { addCalendarDays } from '../../platform/calendar/working-days.ts';
import { DatabaseStore, newStorageKey } from '../../platform/storage/store.ts';
import { recordChronology } from '../chronology/service.ts';
import { DOCUMENT_TYPES, type DocumentType } from './schema.ts';
import { samplePdf, samplePng } from './samples.ts';

interface DemoFile {
  name: string;
  bytes: Buffer;
  contentType: string;
  /** Days before today it was uploaded. */
  ago: number;
}

interface DemoDocument {
  title: string;
  type: DocumentType;
  description: string | null;
  uploader: string;
  files: DemoFile[];
}

/**
 * A few small synthetic documents (made in code: a one-page PDF, a plain-colour PNG) on the first two demo children
 * known to children's social care whom the school also knows, so a practitioner and the school's partner both find
 * some: a letter with two versions, a report and a photograph. Kept in the database store.
 */
export async function seedDocumentsDemo(db: Kysely<Database>, org: DemoOrganisation, today: string): Promise<void> {
  const children = await db
    .selectFrom('people')
    .innerJoin('involvements', 'involvements.person_id', 'people.id')
    .select(['people.id', 'people.given_name'])
    .where('people.person_type', '=', 'child')
    .where('people.restricted', '=', false)
    .where('people.allocated_team_id', 'is not', null)
    .where('involvements.agency_id', '=', org.agencyIds.school!)
    .orderBy('people.id')
    .limit(2)
    .execute();
  const sam = org.userIds['sam.rowe@cairn.example']!;
  const pat = org.userIds['pat.quinn@cairn.example']!;
  const plans: DemoDocument[][] = [
    [
      {
        title: 'Attendance letter from school', type: 'letter', description: 'Attendance below 90% this half term; invitation to a meeting.', uploader: pat,
        files: [
          { name: 'attendance-letter.pdf', bytes: samplePdf(['Fernhollow Academy', 'Attendance letter (synthetic demonstration document)', 'Attendance this half term: 86%.']), contentType: 'application/pdf', ago: 30 },
          { name: 'attendance-letter-corrected.pdf', bytes: samplePdf(['Fernhollow Academy', 'Attendance letter, corrected (synthetic demonstration document)', 'Attendance this half term: 88%.']), contentType: 'application/pdf', ago: 27 },
        ],
      },
      {
        title: 'Photograph of the bedroom at the home visit', type: 'photo', description: 'Taken with the parent’s agreement during the statutory visit.', uploader: sam,
        files: [{ name: 'bedroom.png', bytes: samplePng(320, 200, [29, 112, 184]), contentType: 'image/png', ago: 12 }],
      },
    ],
    [
      {
        title: 'Educational psychologist report', type: 'report', description: null, uploader: sam,
        files: [{ name: 'ep-report.pdf', bytes: samplePdf(['Educational psychology report', 'Synthetic demonstration document', 'Summary: needs met at school support level.']), contentType: 'application/pdf', ago: 60 }],
      },
    ],
  ];
  const store = new DatabaseStore();
  for (const [i, child] of children.entries()) {
    for (const plan of plans[i] ?? []) {
      const id = randomUUID();
      const first = plan.files[0]!;
      const uploadedAt = (ago: number) => new Date(`${addCalendarDays(today, -ago)}T10:30:00Z`);
      await db.insertInto('documents').values({
        id, person_id: child.id, title: plan.title, document_type: plan.type, document_date: addCalendarDays(today, -first.ago - 1), description: plan.description,
        current_version: plan.files.length, created_by: plan.uploader, created_at: uploadedAt(first.ago), updated_at: uploadedAt(plan.files.at(-1)!.ago),
      }).execute();
      for (const [n, file] of plan.files.entries()) {
        const key = newStorageKey();
        await store.put(db, key, file.bytes);
        await db.insertInto('document_versions').values({
          document_id: id, number: n + 1, file_name: file.name, content_type: file.contentType, size_bytes: file.bytes.byteLength,
          sha256: createHash('sha256').update(file.bytes).digest('hex'), storage: 'database', storage_key: key, scan_status: 'not_scanned', scanned_by: null,
          uploaded_by: plan.uploader, uploaded_at: uploadedAt(file.ago),
        }).execute();
        await recordChronology(db, {
          personId: child.id, occurredAt: uploadedAt(file.ago), entryType: n === 0 ? 'document.added' : 'document.version_added',
          summary: `${n === 0 ? 'Document added' : 'New version of a document'}: ${DOCUMENT_TYPES[plan.type]}`,
          agencyId: plan.uploader === pat ? org.agencyIds.school! : org.agencyIds.csc!, recordedBy: plan.uploader, recordType: 'document', recordId: id,
        });
      }
    }
  }
}
