import type { ColumnType, Generated } from 'kysely';
import type { DateColumn, Moment, Standard } from '../../db/types.ts';

/** A text[] column: always an array when read, optional when inserted. */
type TextList = ColumnType<string[], string[] | undefined, string[]>;

export type SurveyAudience = 'children' | 'practitioners';
export type SurveyStatus = 'draft' | 'open' | 'closed';
export type QuestionKind = 'single' | 'multiple' | 'scale' | 'text';

/** A survey of children and young people or of practitioners (migration 0030). */
export interface SurveysTable extends Standard {
  id: Generated<string>;
  title: string;
  audience: SurveyAudience;
  introduction: string;
  anonymous: boolean;
  opens_on: DateColumn;
  closes_on: DateColumn;
  status: Generated<SurveyStatus>;
}

export interface SurveyQuestionsTable extends Standard {
  id: Generated<string>;
  survey_id: string;
  position: number;
  kind: QuestionKind;
  text: string;
  hint: string | null;
  required: boolean;
  options: TextList;
}

/** A one-time link for a child: only the SHA-256 of its token is kept. */
export interface SurveyLinksTable {
  id: Generated<string>;
  survey_id: string;
  token_hash: string;
  batch: number;
  used_at: Moment | null;
  created_at: Moment;
  created_by: string | null;
}

export interface SurveyResponsesTable {
  id: Generated<string>;
  survey_id: string;
  link_id: string | null;
  /** Only for a named survey; an anonymous response keeps nobody. */
  user_id: string | null;
  submitted_on: DateColumn;
  created_at: Moment;
}

export interface SurveyRespondentsTable {
  survey_id: string;
  user_id: string;
  created_at: Moment;
}

export interface SurveyAnswersTable {
  response_id: string;
  question_id: string;
  choices: TextList;
  scale: number | null;
  text: string | null;
}

export interface SurveyTables {
  surveys: SurveysTable;
  survey_questions: SurveyQuestionsTable;
  survey_links: SurveyLinksTable;
  survey_responses: SurveyResponsesTable;
  survey_respondents: SurveyRespondentsTable;
  survey_answers: SurveyAnswersTable;
}
