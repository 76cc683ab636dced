/**
 * Invented children's words for the demo and the synthetic authority: the kind of thing children say, in their own
 * way, naming nobody (a relationship, never a name).
 */
export const SAID = [
  'I like it at home when it is calm. I don’t like the shouting at night.',
  'School is OK. My teacher helps me with reading and I have a friend now.',
  'I want to see my dad more. I miss him at weekends.',
  'I feel safe at nan’s house. I don’t want to move schools again.',
  'Sometimes there is no food in the cupboards and I get hungry before school.',
  'I like football club. It is the best bit of the week.',
  'I don’t like talking to lots of new people. I like it when it is just you.',
  'Mum is trying really hard. Things are better since the new house.',
  'I want my room to be just mine, and a lock on the bathroom door.',
  'I get worried when mum is sad. I look after my little brother.',
] as const;

export const WANTS = [
  'To stay at my school with my friends.',
  'For the arguing to stop.',
  'To see my dad every Saturday.',
  'To have my own bed.',
  'For people to tell me what is happening.',
  'To go to football club every week.',
] as const;
