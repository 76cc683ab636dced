/**
 * The Children in Need census return as the DfE's XML holds it (shared/reference/statutory-returns.md §1.2): one
 * shape for Cairn's own export and for a file read from any other system, so the same rules check both. Property
 * names are the XML element names, so a rule's `fields` and a failure's `field` name what the analyst sees in the
 * file. A value the file left out is null (or an empty list); a file from elsewhere may leave out anything, and the
 * rules say what is missing rather than the reader refusing the file.
 */
export interface CinHeader {
  Collection: string | null;
  Year: string | null;
  ReferenceDate: string | null;
  SourceLevel: string | null;
  LEA: string | null;
  SoftwareCode: string | null;
  Release: string | null;
  SerialNo: string | null;
  DateTime: string | null;
}

export interface CinChildIdentifiers {
  LAchildID: string | null;
  UPN: string | null;
  FormerUPN: string | null;
  UPNunknown: string | null;
  PersonBirthDate: string | null;
  ExpectedPersonBirthDate: string | null;
  Sex: string | null;
  PersonDeathDate: string | null;
}

export interface CinChildCharacteristics {
  Ethnicity: string | null;
  /** The Disability codes inside Disabilities (empty when the element is left out). */
  Disabilities: string[];
}

export interface CinAssessment {
  AssessmentActualStartDate: string | null;
  AssessmentInternalReviewDate: string | null;
  AssessmentAuthorisationDate: string | null;
  /** The AssessmentFactors codes inside FactorsIdentifiedAtAssessment. */
  AssessmentFactors: string[];
}

export interface CinPlanDates {
  CINPlanStartDate: string | null;
  CINPlanEndDate: string | null;
}

export interface CinSection47 {
  S47ActualStartDate: string | null;
  InitialCPCtarget: string | null;
  DateOfInitialCPC: string | null;
  /** null when the file left it out or it was not a boolean the DfE accepts. */
  ICPCnotRequired: boolean | null;
}

export interface CinProtectionPlan {
  CPPstartDate: string | null;
  CPPendDate: string | null;
  InitialCategoryOfAbuse: string | null;
  LatestCategoryOfAbuse: string | null;
  /** null when left out or not a whole number. */
  NumberOfPreviousCPP: number | null;
  /** The CPPreviewDate values inside Reviews. */
  CPPreviewDate: string[];
}

/** One CIN episode: a referral to its closure, and the work done inside it. */
export interface CinDetails {
  CINreferralDate: string | null;
  ReferralSource: string | null;
  PrimaryNeedCode: string | null;
  CINclosureDate: string | null;
  ReasonForClosure: string | null;
  /** An initial conference with no section 47 in the episode (a transfer-in conference). */
  DateOfInitialCPC: string | null;
  Assessments: CinAssessment[];
  CINPlanDates: CinPlanDates[];
  Section47: CinSection47[];
  /** null when the file left it out or it was not a boolean the DfE accepts (rule 8568). */
  ReferralNFA: boolean | null;
  ChildProtectionPlans: CinProtectionPlan[];
}

export interface CinChild {
  ChildIdentifiers: CinChildIdentifiers;
  ChildCharacteristics: CinChildCharacteristics;
  CINdetails: CinDetails[];
}

export interface CinReturn {
  Header: CinHeader;
  Children: CinChild[];
}

/** Where in a child's return an item sits, as a failure names it: "CINdetails 2 › Assessment 1". */
export const episodeLocation = (episode: number) => `CINdetails ${episode + 1}`;
export const itemLocation = (episode: number, item: string, index: number) => `${episodeLocation(episode)} › ${item} ${index + 1}`;
