/** Words for the board's codes, as the forms and pages show them. */
export const ROLES = {
  chair: 'Chair',
  vice_chair: 'Vice chair',
  member: 'Member',
  participant_observer: 'Participant observer',
  adviser: 'Adviser',
} as const;

export const MEETING_KINDS = {
  board: 'Board meeting',
  development_day: 'Development day',
  extraordinary: 'Extraordinary meeting',
} as const;

export const ATTENDANCE = {
  attended: 'Attended',
  apologies: 'Sent apologies',
  deputy: 'Deputy sent',
  absent: 'Absent',
} as const;

export { RAG_TAGS, RAGS } from '../../platform/views/rag.ts';

export const WORK_STATUSES = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
} as const;
