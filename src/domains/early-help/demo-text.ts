/** Words for the early help demo: what practitioners write in assessments, plans and reviews. Fictional. */

export const STRENGTHS = [
  'Warm relationship with mum, who knows the child well and wants things to improve',
  'Enjoys school and has a good friendship group',
  'Grandparents nearby and willing to help with school runs',
  'Up to date with immunisations and developmental checks',
  'Parents engaged well at the first meeting and agreed the plan',
  'Settled at nursery; staff describe a happy, curious child',
  'Family home is warm and clean; basic needs are met',
];

export const NEEDS = [
  'Attendance 84% this year with frequent lateness; mornings are chaotic',
  'Sleep routine has broken down since dad moved out',
  'Mum has low mood and is waiting for talking therapy',
  'Rent arrears and a notice from the landlord are causing stress',
  'Behaviour at home is hard to manage; parents disagree on boundaries',
  'Speech is behind what is expected for their age',
  'Sibling conflict is frequent and sometimes physical',
  'Diet is limited and meals are irregular',
];

export const CHILD_VIEWS = [
  'Says they like it best when mum is not sad and wants to go to football club.',
  'Drew a picture of home with everyone in it; said mornings are “shouty”.',
  'Too young to say; observed playing happily with mum during the visit.',
  'Wants to stay at this school and would like help with reading.',
];

export const FAMILY_VIEWS = [
  'Mum wants help with routines and with the letters from the landlord.',
  'Parents agree things are hard at the moment and want support to work together.',
  'Dad is keen to be more involved and asked for a parenting course.',
  'Mum asked for the school and health visitor to talk to each other rather than her repeating everything.',
];

export const SUMMARIES = [
  'Loving family under pressure from housing and money worries. Needs are at level 2 to 3: a Team Around the Child will focus on attendance, routines and getting advice on the arrears.',
  'The child’s development is on track but home routines and parental mood need support. Family support and a parenting programme offered, with the school and health visitor in the team.',
  'Emerging concerns about behaviour and boundaries at home, with good engagement from both parents. Targeted support for six to twelve weeks, then review.',
];

export const CONSENT_BY = ['Mother', 'Father', 'Mother and father', 'Grandmother (special guardian)', 'Mother, with the young person’s agreement'];

export const OUTCOMES = [
  ['Goes to school every day and arrives on time', 'Has a bedtime routine that the whole family keeps to'],
  ['Mum feels less alone and knows where to get help with her mood', 'The family has a plan to clear the rent arrears'],
  ['Home is calmer: parents agree on boundaries and use them', 'Speech and language support is in place'],
  ['Eats three meals a day at regular times', 'Siblings can play together without fights getting physical'],
];

export const ACTIONS = [
  'Morning routine chart made with the family and checked weekly',
  'Refer mum to the talking therapies service',
  'Book a housing and debt advice appointment',
  'Place on the Incredible Years parenting course',
  'Speech and language referral through the health visitor',
  'Breakfast club place from next term',
  'Home visit to review bedtime routine',
  'Attendance meeting with parents and the class teacher',
];

export const PROGRESS = [
  'Attendance up to 92% this half term. Mornings calmer with the routine chart. Mum attending appointments.',
  'Some progress: the advice appointment happened and a repayment plan is agreed. Sleep still poor.',
  'Parents have started the parenting course and say it is helping. School report fewer incidents.',
  'Little change this period: the family missed two appointments. Plan refreshed with the family.',
];

export const REVIEW_FAMILY_VIEWS = ['Mum says things feel more manageable.', 'Dad said he feels listened to.', 'The family want the support to continue.', ''];

export const CLOSURE_SUMMARIES: Record<string, string> = {
  needs_met: 'All outcomes achieved: attendance above 95%, routines in place, the family knows where to go if things get harder again.',
  stepped_up: 'Risk increased after a disclosure; stepped up to the front door and now open to children’s social care.',
  family_withdrew: 'The family withdrew consent for early help. Universal services continue; the school will keep an eye and make a contact if worried.',
  moved_away: 'The family moved out of the area. The new local authority’s early help service was told, with the family’s consent.',
  transferred: 'Support transferred to the specialist parenting service, which will lead from here.',
  other: 'Case opened in error against the wrong sibling; the right child’s record has its own case.',
};

export const STEP_DOWN_SUMMARIES = [
  'Child and family assessment completed. No evidence of significant harm. Mum’s mental health has improved with treatment; the home is adequate. Remaining needs around routines and school attendance would benefit from early help.',
  'Section 17 child in need plan ended after nine months: housing resolved and the children are thriving. Family asked for continued help with the eldest’s behaviour at school.',
  'Assessment after a domestic incident: father has left and there is a non-molestation order. Mother protective and engaging. Needs now at level 3: emotional support for the children and practical help.',
];
