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

/** A business-plan action's status: complete needs the evidence that it was done. */
export const RAGS = {
  red: 'Red: not on track',
  amber: 'Amber: some risk to delivery',
  green: 'Green: on track',
  complete: 'Complete',
} as const;

export const RAG_TAGS: Record<string, { text: string; colour: string }> = {
  red: { text: 'Red', colour: 'red' },
  amber: { text: 'Amber', colour: 'orange' },
  green: { text: 'Green', colour: 'green' },
  complete: { text: 'Complete', colour: 'blue' },
};

export const WORK_STATUSES = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
} as const;
