import type { ColumnType, Generated } from 'kysely';
import type { DateColumn, Standard } from '../../db/types.ts';

export type ScoringRule = 'sum' | 'mean';
export type Direction = 'higher_better' | 'lower_better';
export type ToolStatus = 'draft' | 'published' | 'superseded';
export type ContextType = 'early_help' | 'panel_referral' | 'cp_plan';
export interface ScaleLabel {
  value: number;
  label: string;
}

/** One version of a scored practice tool (migration 0031); versions of the same tool share `family_id`. */
export interface PracticeToolsTable extends Standard {
  id: Generated<string>;
  family_id: string;
  version_number: number;
  name: string;
  description: string;
  scale_min: number;
  scale_max: number;
  scale_labels: ColumnType<ScaleLabel[], string, string>;
  domain_rule: ScoringRule;
  overall_rule: ScoringRule;
  direction: Direction;
  status: ToolStatus;
  published_on: DateColumn | null;
}

export interface PracticeToolDomainsTable {
  id: Generated<string>;
  tool_id: string;
  position: number;
  name: string;
}

export interface PracticeToolItemsTable {
  id: Generated<string>;
  domain_id: string;
  position: number;
  text: string;
}

export interface PracticeToolBandsTable {
  id: Generated<string>;
  tool_id: string;
  position: number;
  label: string;
  min_score: number;
  max_score: number;
}

/** A child scored on one version of a tool, with what was computed from the scores when they were saved. */
export interface PracticeToolScoringsTable extends Standard {
  id: Generated<string>;
  person_id: string;
  tool_id: string;
  scored_on: DateColumn;
  context_type: ContextType | null;
  context_id: string | null;
  overall_score: number;
  band_label: string;
}

/** A domain's computed score (its raw score when it has no items) and the practitioner's note on it. */
export interface PracticeToolScoringDomainsTable {
  id: Generated<string>;
  scoring_id: string;
  domain_id: string;
  score: number;
  note: string | null;
}

export interface PracticeToolScoringItemsTable {
  id: Generated<string>;
  scoring_id: string;
  item_id: string;
  score: number;
}

/** This capability's tables. */
export interface PracticeToolTables {
  practice_tools: PracticeToolsTable;
  practice_tool_domains: PracticeToolDomainsTable;
  practice_tool_items: PracticeToolItemsTable;
  practice_tool_bands: PracticeToolBandsTable;
  practice_tool_scorings: PracticeToolScoringsTable;
  practice_tool_scoring_domains: PracticeToolScoringDomainsTable;
  practice_tool_scoring_items: PracticeToolScoringItemsTable;
}
