/**
 * Short professional sentences for the synthetic authority's referrals, assessments and child in need plans. No
 * names: "the child", "mother". Kept apart from `synthetic.ts` so the rules there stay readable.
 */

/** Why the child was referred, by the kind of referrer (the first character of the CIN ReferralSource code). */
export const REFERRAL_REASONS: Record<string, readonly string[]> = {
  '1': [
    'Grandmother worried about drinking at home and the child caring for a younger sibling.',
    'Neighbour reports the children left alone in the evenings and shouting most nights.',
    'Mother asked for help: she is struggling to manage the child’s behaviour and her own mental health.',
  ],
  '2': [
    'School reports the child arriving hungry and unkempt, and poor attendance this term.',
    'The child told a teacher they are frightened to go home after an argument with father.',
    'School noticed bruising on the child’s arm; the child gave different accounts of how it happened.',
  ],
  '3': [
    'GP concerned about weight loss, missed health appointments and mother’s low mood.',
    'Health visitor concerned about home conditions and the baby’s weight.',
    'A&E saw the child with an injury the explanation given does not account for.',
  ],
  '4': ['Housing report the family facing eviction and the home in poor repair.'],
  '5': ['Early help plan not making progress: needs have escalated.', 'Adult social care worried about the children of a parent they support.'],
  '6': ['Police attended a domestic incident at the home; the child was present.', 'Police found the child out late in the town centre with older young people.'],
  other: ['Concerns about the care the child is receiving at home.', 'Worries about the child’s safety and the family’s ability to cope.'],
};

export const FROM_FRONT_DOOR = 'Referred by the front door';

export const NFA_NOTES = [
  'Information gathered shows the family’s needs are being met by universal services.',
  'Concerns were resolved on checking with the school and health visitor; advice given to mother.',
  'Duplicate of a concern already being addressed by the early help team.',
  'Parents have taken protective action; no further involvement needed from social care.',
];

export const CHILD_VIEWS = [
  'Talked about school and friends; said things at home are “shouty” and they worry about mum.',
  'Said they feel safe at home but want the arguments to stop.',
  'Drew their family and talked about who they feel close to; wants to see dad more.',
  'Quiet at first; later said they like their room and their teacher, and hate it when mum is sad.',
  'Said they look after their younger brother a lot and are often tired at school.',
];
export const BABY_VIEWS = [
  'Too young to give views. Observed with mother: settled, responsive and well handled.',
  'Too young to give views. The baby was alert and fed well during the visit; cot and clothing seen.',
];

export const FAMILY_VIEWS = [
  'Mother accepts help with routines and money; father did not take part.',
  'Parents agree there are problems and want support with the child’s behaviour.',
  'Mother is worried about her own health and would like help with the children.',
  'Father disagrees with the concerns but agreed to work with the plan.',
  'Grandparents are supportive and offered to help with school runs.',
];

export const ANALYSES = [
  'Needs are significant and long-standing but the family engage. Support under a plan should meet them.',
  'The child’s needs are met by the parents with universal support; no role for social care.',
  'Risks from domestic abuse are reduced now father has left; mother would benefit from early help.',
  'Neglect is chronic and the parents’ capacity to change is uncertain. A plan with clear outcomes is needed.',
  'Concerns of significant harm: the explanations for the injuries are inconsistent. A strategy discussion is needed.',
  'The family are under acute stress after a bereavement and housing loss; targeted help is needed for a few months.',
];

export const RETURN_COMMENTS = [
  'Please add the child’s own words and the school’s view before I authorise.',
  'The analysis needs to weigh the risks from father’s contact. Please expand it.',
  'Please record when the child was seen alone and what they said.',
];

/** What a manager adds when authorising, by the assessment's outcome. */
export const MANAGER_COMMENTS: Record<string, readonly string[]> = {
  no_further_action: ['Agreed.', 'Proportionate: the family know how to come back to us.'],
  early_help: ['Agreed; early help to contact mother this week.', 'Agreed. Please make sure the school knows.'],
  child_in_need_plan: ['Agreed. Plan to be in place within 10 working days.', 'Good analysis; agreed.'],
  strategy_discussion: ['Strategy discussion to be held today.', 'Agreed: convene the strategy discussion with police and health.'],
  continue_current_plan: ['Agreed; update the plan with the new actions.'],
};

export const PLAN_OUTCOMES = [
  'Goes to school every day, on time',
  'Home is warm, clean and has food in it',
  'The child feels safe at home and knows who to tell if not',
  'Mother’s mental health is supported and she attends her appointments',
  'Health and dental appointments are kept',
  'The child’s behaviour at home improves and family routines are calmer',
];

/** An action, who does it (or the partner agency whose it is) and how many days from the plan's start it is due. */
export const PLAN_ACTIONS: { description: string; owner: string | null; agency: 'school' | 'health' | 'housing' | 'vol' | 'eh' | null; days: number }[] = [
  { description: 'Attend the parenting programme at the family hub', owner: 'Mother', agency: null, days: 42 },
  { description: 'Check attendance weekly and tell the social worker of any absence', owner: 'Attendance officer', agency: 'school', days: 120 },
  { description: 'Apply for the household support fund', owner: 'Social worker', agency: null, days: 28 },
  { description: 'Health visitor or school nurse to see the child regularly and check their growth', owner: null, agency: 'health', days: 90 },
  { description: 'Refer mother to the talking therapies service', owner: 'GP', agency: 'health', days: 21 },
  { description: 'Arrange a repairs inspection of the home', owner: null, agency: 'housing', days: 35 },
  { description: 'Young carers group: offer the child a place', owner: null, agency: 'vol', days: 60 },
];

export const REVIEW_PROGRESS = [
  'Attendance up to 92%; the home is much improved. Mother has finished the parenting programme.',
  'Some progress: routines are better but appointments are still missed. Actions carried forward.',
  'Good progress on every outcome; the family are using the support well.',
  'Little change since the last review. The plan has been tightened with clearer dates.',
  'The child says things are calmer at home. School report better concentration.',
];
export const FINAL_REVIEW_PROGRESS = [
  'Outcomes met: the child is thriving at school and the home is settled. The plan can end.',
  'The family no longer need a plan; early help will keep in touch through the school.',
];
export const ESCALATING_PROGRESS = [
  'Concerns have grown since the last review: new injuries reported by school. A strategy discussion is needed.',
  'Mother disclosed further violence at home; the child may be at risk of significant harm.',
];

export const CLOSURE_NOTES = ['Plan outcomes achieved; family know how to contact the service.', 'Support continues through universal services.'];
export const MOVED_AWAY_NOTE = 'The family moved to another local authority; records transferred.';
