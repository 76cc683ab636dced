import { careLeaverSection } from '../care-leavers/record.ts';
import { childProtectionSection } from '../child-protection/record.ts';
import { childrenInCareSection } from '../children-in-care/record.ts';
import { missingSection } from '../missing/record.ts';
import { privateFosteringSection } from '../private-fostering/record.ts';
import { referralSection } from '../referrals/record.ts';
import { returnProblemsSection } from '../returns/record.ts';
import type { SectionSource } from './record-section.ts';

/** Every capability's part of a child's social care record, in the order the record page shows them. */
export const SECTION_SOURCES: readonly SectionSource[] = [referralSection, childProtectionSection, childrenInCareSection, careLeaverSection, missingSection, privateFosteringSection, returnProblemsSection];
