import { careLeaverWork } from '../care-leavers/inbox.ts';
import { caseAuditWork } from '../case-audits/inbox.ts';
import { childProtectionWork } from '../child-protection/inbox.ts';
import { childrenInCareWork } from '../children-in-care/inbox.ts';
import { earlyHelpWork } from '../early-help/inbox.ts';
import { frontDoorWork } from '../front-door/inbox.ts';
import { ladoWork } from '../lado/inbox.ts';
import { disagreementWork } from '../disagreements/inbox.ts';
import { practiceReviewWork } from '../practice-reviews/inbox.ts';
import { cdopWork } from '../cdop/inbox.ts';
import { missingWork } from '../missing/inbox.ts';
import { panelWork } from '../panels/inbox.ts';
import { privateFosteringWork } from '../private-fostering/inbox.ts';
import { referralWork } from '../referrals/inbox.ts';
import { section11Work } from '../section11/inbox.ts';
import { trainingWork } from '../training/inbox.ts';
import type { WorkSource } from './work-item.ts';

/** Every capability that holds work for people: the inbox lists what each one says is due. */
export const WORK_SOURCES: readonly WorkSource[] = [
  frontDoorWork,
  earlyHelpWork,
  panelWork,
  referralWork,
  childProtectionWork,
  childrenInCareWork,
  careLeaverWork,
  missingWork,
  privateFosteringWork,
  ladoWork,
  disagreementWork,
  practiceReviewWork,
  cdopWork,
  caseAuditWork,
  section11Work,
  trainingWork,
];
