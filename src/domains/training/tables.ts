import type { Generated } from 'kysely';
import type { DateColumn, Moment, Standard } from '../../db/types.ts';

export type BookingStatus = 'booked' | 'waiting' | 'cancelled';
export type Attendance = 'attended' | 'no_show';
export type PracticeChanged = 'a_lot' | 'a_little' | 'not_yet' | 'not_at_all';
export type ValidationDecision = 'validated' | 'conditions' | 'not_validated';

/** A course in the partnership's programme (migration 0029). */
export interface TrainingCoursesTable extends Standard {
  id: Generated<string>;
  title: string;
  level: number;
  audience: string;
  description: string;
  learning_outcomes: string;
  /** How long it runs, as the brochure says it: "Half day (3 hours)". */
  length: string;
  /** When attendees are asked what changed in their practice, counted from the session. */
  impact_after_months: Generated<number>;
}

export interface TrainingSessionsTable extends Standard {
  id: Generated<string>;
  course_id: string;
  held_on: DateColumn;
  /** 'HH:MM', UK time. */
  starts_at: string;
  ends_at: string;
  venue: string;
  places: number;
  trainer: string;
  cancelled_on: DateColumn | null;
  cancelled_reason: string | null;
}

export interface TrainingBookingsTable extends Standard {
  id: Generated<string>;
  session_id: string;
  user_id: string;
  /** The delegate's agency and role when they booked. */
  agency_id: string;
  role: string;
  status: BookingStatus;
  /** When the place was asked for: the waiting list is served in this order. */
  queued_at: Moment;
  /** When a place came free and went to them from the waiting list: they are told in their work. */
  promoted_at: Moment | null;
  cancelled_at: Moment | null;
  late_cancellation: Generated<boolean>;
  attendance: Attendance | null;
}

export interface TrainingEvaluationsTable {
  id: Generated<string>;
  booking_id: string;
  content_rating: number;
  trainer_rating: number;
  relevance_rating: number;
  overall_rating: number;
  will_do_differently: string;
  created_at: Moment;
  created_by: string | null;
}

export interface TrainingImpactReturnsTable {
  id: Generated<string>;
  booking_id: string;
  practice_changed: PracticeChanged;
  what_changed: string;
  returned_on: DateColumn;
  created_at: Moment;
  created_by: string | null;
}

/** A course a single agency runs, put to the partnership's validation panel. */
export interface TrainingValidationsTable extends Standard {
  id: Generated<string>;
  agency_id: string;
  title: string;
  level: number;
  trainer: string;
  outline: string;
  submitted_on: DateColumn;
  decision: ValidationDecision | null;
  decided_on: DateColumn | null;
  expires_on: DateColumn | null;
  /** The reasons (not validated) or the conditions (validated with conditions). */
  decision_notes: string | null;
}

export interface TrainingTables {
  training_courses: TrainingCoursesTable;
  training_sessions: TrainingSessionsTable;
  training_bookings: TrainingBookingsTable;
  training_evaluations: TrainingEvaluationsTable;
  training_impact_returns: TrainingImpactReturnsTable;
  training_validations: TrainingValidationsTable;
}
