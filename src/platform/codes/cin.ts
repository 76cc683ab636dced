/**
 * Children in Need census code sets (shared/reference/statutory-returns.md §1.3), recorded by construction so the
 * census is produced without re-keying. Descriptions are in plain words; the codes are the DfE's.
 */
export type CodeSet = Readonly<Record<string, string>>;

export const codesOf = (set: CodeSet) => Object.keys(set) as [string, ...string[]];

export const REFERRAL_SOURCES: CodeSet = {
  '1A': 'Family member, relative or carer',
  '1B': 'Acquaintance (including neighbours and childminders)',
  '1C': 'The child themselves',
  '1D': 'Other individual (including strangers)',
  '2A': 'School',
  '2B': 'Education services',
  '3A': 'GP',
  '3B': 'Health visitor',
  '3C': 'School nurse',
  '3D': 'Other primary health services',
  '3E': 'A&E',
  '3F': 'Other health services',
  '4': 'Housing',
  '5A': 'Local authority social care (for example adult social care)',
  '5B': 'Other local authority department (for example youth justice)',
  '5C': 'Another local authority’s services',
  '5D': 'Early help',
  '6': 'Police',
  '7': 'Other legal agency (courts, probation, immigration, Cafcass, prison)',
  '8': 'Other (children’s centres, independent providers, voluntary organisations)',
  '9': 'Anonymous',
  '10': 'Unknown',
};

export const PRIMARY_NEEDS: CodeSet = {
  N1: 'Abuse or neglect',
  N2: 'Child’s disability or illness',
  N3: 'Parent’s disability or illness',
  N4: 'Family in acute stress',
  N5: 'Family dysfunction',
  N6: 'Socially unacceptable behaviour',
  N7: 'Low income',
  N8: 'Absent parenting',
  N9: 'Cases other than children in need',
  N0: 'Not stated',
};

export const CLOSURE_REASONS: CodeSet = {
  RC1: 'Adopted',
  RC2: 'Died',
  RC3: 'Child arrangements order',
  RC4: 'Special guardianship order',
  RC5: 'Transferred to another local authority',
  RC6: 'Transferred to adult social care',
  RC7: 'Services ceased for any other reason, including no longer in need',
  RC8: 'Closed after assessment: no further action',
  RC9: 'Closed after assessment: referred to early help',
};

export const ASSESSMENT_FACTORS: CodeSet = {
  '1A': 'Alcohol misuse: the child',
  '1B': 'Alcohol misuse: parent or carer',
  '1C': 'Alcohol misuse: another person in the household',
  '2A': 'Drug misuse: the child',
  '2B': 'Drug misuse: parent or carer',
  '2C': 'Drug misuse: another person in the household',
  '3A': 'Domestic abuse: the child is the victim',
  '3B': 'Domestic abuse: parent or carer is the victim',
  '3C': 'Domestic abuse: another person in the household is the victim',
  '4A': 'Mental health: the child',
  '4B': 'Mental health: parent or carer',
  '4C': 'Mental health: another person in the household',
  '5A': 'Learning disability: the child',
  '5B': 'Learning disability: parent or carer',
  '5C': 'Learning disability: another person in the household',
  '6A': 'Physical disability or illness: the child',
  '6B': 'Physical disability or illness: parent or carer',
  '6C': 'Physical disability or illness: another person in the household',
  '7A': 'Young carer',
  '8B': 'Privately fostered: overseas child who intends to return home',
  '8C': 'Privately fostered: overseas child who intends to stay',
  '8D': 'Privately fostered: UK child in an educational placement',
  '8E': 'Privately fostered: UK child in an alternative family arrangement',
  '8F': 'Privately fostered: other',
  '9A': 'Unaccompanied asylum-seeking child',
  '10A': 'Going or being missing',
  '11A': 'Child sexual exploitation',
  '12A': 'Trafficking',
  '13A': 'Gangs',
  '14A': 'Socially unacceptable behaviour',
  '15A': 'Self-harm',
  '16A': 'Neglect',
  '17A': 'Emotional abuse',
  '18B': 'Physical abuse by another child',
  '18C': 'Physical abuse by an adult',
  '19B': 'Sexual abuse by another child',
  '19C': 'Sexual abuse by an adult',
  '20': 'Other',
  '21': 'No factors identified',
  '22A': 'Female genital mutilation',
  '23A': 'Abuse linked to faith or belief',
  '24A': 'Child criminal exploitation',
};
/** Factor 21 stands alone (rule 8869). */
export const NO_FACTORS = '21';

/** Categories of abuse on a child protection plan; MUL is only ever the initial category for several at once. */
export const ABUSE_CATEGORIES: CodeSet = {
  NEG: 'Neglect',
  PHY: 'Physical abuse',
  EMO: 'Emotional abuse',
  SAB: 'Sexual abuse',
};
export const MULTIPLE_CATEGORIES = 'MUL';

/** Ethnicity: the same list for the CIN census, SSDA903 and Annex A. */
export const ETHNICITIES: CodeSet = {
  WBRI: 'White British',
  WIRI: 'White Irish',
  WIRT: 'Traveller of Irish heritage',
  WROM: 'Gypsy/Roma',
  WOTH: 'Any other White background',
  MWBC: 'White and Black Caribbean',
  MWBA: 'White and Black African',
  MWAS: 'White and Asian',
  MOTH: 'Any other mixed background',
  AIND: 'Indian',
  APKN: 'Pakistani',
  ABAN: 'Bangladeshi',
  AOTH: 'Any other Asian background',
  BCRB: 'Black Caribbean',
  BAFR: 'Black African',
  BOTH: 'Any other Black background',
  CHNE: 'Chinese',
  OOTH: 'Any other ethnic group',
  REFU: 'Refused',
  NOBT: 'Information not yet obtained',
};

export const DISABILITIES: CodeSet = {
  NONE: 'No disability',
  MOB: 'Mobility',
  HAND: 'Hand function',
  PC: 'Personal care',
  INC: 'Incontinence',
  COMM: 'Communication',
  LD: 'Learning',
  HEAR: 'Hearing',
  VIS: 'Vision',
  BEH: 'Behaviour',
  CON: 'Consciousness',
  AUT: 'Autism',
  DDA: 'Other',
};

export const UPN_UNKNOWN: CodeSet = {
  UN1: 'Not of school age and no UPN assigned yet',
  UN2: 'Never attended a maintained school in England',
  UN3: 'Educated outside England',
  UN4: 'Newly looked after or referred, UPN not yet known',
  UN5: 'Sources conflict, so the UPN cannot be matched reliably',
};
