import { type Kysely, sql } from 'kysely';

/**
 * The default threshold document every deployment starts with, modelled on a typical local "continuum of need":
 * four levels and four assessment domains with what each level looks like. Administrators change it at
 * /admin/threshold; this only fills empty tables.
 */
const LEVELS: [number, string, string][] = [
  [1, 'Universal', 'Children whose needs are met by universal services (schools, GPs, health visitors) and their families, with no additional support needed.'],
  [2, 'Early help: single agency', 'Children with additional needs that one agency, often the school or health visitor, can meet with extra support, with the family’s consent.'],
  [3, 'Targeted multi-agency early help', 'Children with multiple or complex needs that need several agencies working together: an early help assessment and a Team Around the Child with a lead professional.'],
  [4, 'Statutory social care', 'Children in need (Children Act 1989 section 17) or at risk of significant harm (section 47), who need a statutory assessment or protection from children’s social care.'],
];

const DOMAINS: { name: string; description: string; descriptors: [string, string, string, string] }[] = [
  {
    name: 'Child’s development',
    description: 'Health, education and learning, emotional and behavioural development, identity, relationships and self-care.',
    descriptors: [
      'Healthy and developing well; attends school regularly and makes expected progress; has positive relationships and age-appropriate self-care.',
      'Some concerns about health, development, attendance or behaviour, such as missed appointments, low-level anxiety or attendance below 90%, that one agency can help with.',
      'Several developmental needs affecting the child’s progress: persistent absence or exclusion, emerging mental health needs, risky behaviour or offending, or a young carer role affecting their wellbeing.',
      'Serious or sustained impairment of health or development: untreated medical needs, severe self-harm, significant developmental delay through neglect, or a child missing education whose whereabouts are unknown.',
    ],
  },
  {
    name: 'Parenting capacity',
    description: 'Basic care, ensuring safety, emotional warmth, stimulation, guidance and boundaries, and stability.',
    descriptors: [
      'Parents and carers provide good basic care, warmth, guidance and stability, and use universal services appropriately.',
      'Parents need some advice or support with routines, boundaries or basic care; they engage with help and their parenting is good enough.',
      'Parenting is inconsistent and affected by the parents’ own needs (mental health, drug or alcohol use, learning needs); basic care or supervision is sometimes inadequate; the family needs coordinated support.',
      'Parents are unable or unwilling to meet the child’s needs or keep them safe: persistent neglect, a parent’s needs placing the child at risk, or refusal to engage while concerns grow.',
    ],
  },
  {
    name: 'Family and environment',
    description: 'Family history and functioning, wider family, housing, employment, income, social integration and community resources.',
    descriptors: [
      'Stable family relationships, suitable housing and enough income; the family is part of its community and has support around it.',
      'Some family stress, such as relationship breakdown, debt, poor housing or isolation, that the family can manage with information or a single service.',
      'Family difficulties that affect the child: frequent moves, overcrowded or unsafe housing, serious debt, conflict between parents, or the family isolated from support.',
      'The family environment harms the child: homelessness without provision, living with adults who pose a risk, chaotic family life or a breakdown of care.',
    ],
  },
  {
    name: 'Safety and risk',
    description: 'Abuse, domestic abuse, exploitation, going missing, and other risks to the child from inside or outside the family.',
    descriptors: [
      'No concerns about the child’s safety; the child is protected from harm and knows how to keep safe.',
      'Low-level concerns that need watching, such as occasional unsafe online behaviour or a one-off incident, with protective factors in place.',
      'Emerging risks: domestic abuse without serious injury, early signs of exploitation, going missing for short periods, or concerns about who the child spends time with.',
      'The child has suffered or is likely to suffer significant harm: an allegation or sign of abuse, serious domestic abuse, sexual or criminal exploitation, trafficking, or repeated missing episodes with risk.',
    ],
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const existing = await sql<{ count: string }>`SELECT count(*)::text AS count FROM threshold_levels`.execute(db);
  if (Number(existing.rows[0]?.count ?? 0) > 0) return;
  for (const [level, name, descriptor] of LEVELS) {
    await sql`INSERT INTO threshold_levels (level, name, descriptor) VALUES (${level}, ${name}, ${descriptor})`.execute(db);
  }
  let order = 10;
  for (const domain of DOMAINS) {
    const inserted = await sql<{ id: string }>`INSERT INTO threshold_domains (name, description, sort_order)
      VALUES (${domain.name}, ${domain.description}, ${order}) RETURNING id`.execute(db);
    const id = inserted.rows[0]!.id;
    for (const [i, descriptor] of domain.descriptors.entries()) {
      await sql`INSERT INTO threshold_descriptors (domain_id, level, descriptor) VALUES (${id}, ${i + 1}, ${descriptor})`.execute(db);
    }
    order += 10;
  }
}
