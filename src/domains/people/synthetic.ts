import { nhsCheckDigit, upnCheckLetter } from './identifiers.ts';

/**
 * Synthetic families for demonstration and tests. Every family name is invented, NHS numbers use the 999 range
 * the NHS reserves for testing, and postcodes use the non-geographic "ZZ99" area, so nothing here can be mistaken
 * for, or matched to, a real person.
 */

export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Family names are built from two invented halves ("Ash" + "whistle"): about a thousand of them, varied enough
// for search to behave as it would on a real population, and plainly not anybody's real name.
const NAME_STARTS = [
  'Ash', 'Bramble', 'Cinder', 'Dun', 'Elder', 'Fox', 'Gorse', 'Hazel', 'Ink', 'Juniper', 'Kettle', 'Lark', 'Moss', 'Nettle',
  'Oaken', 'Puddle', 'Quarry', 'Rook', 'Salt', 'Tansy', 'Umber', 'Vetch', 'Willow', 'Yarrow', 'Zephyr', 'Brindle',
  'Copper', 'Drift', 'Ember', 'Flint', 'Glimmer', 'Holly', 'Ivy', 'Jasper', 'Kestrel', 'Thistle', 'Pebble', 'Marrow',
  'Wren', 'Quill',
];
const NAME_ENDS = [
  'whistle', 'spindle', 'glint', 'quill', 'feather', 'wick', 'button', 'crumb', 'muddle', 'wobble', 'sprocket', 'tusk',
  'thimble', 'bucket', 'kettle', 'pocket', 'lantern', 'tumble', 'fiddle', 'noggin', 'widget', 'bobbin', 'cobble',
  'dapple', 'gusset',
];
export const FAMILY_NAMES = NAME_STARTS.flatMap((start) => NAME_ENDS.map((end) => start + end));
// A whole authority needs the long tail of a real population's family names: the halves above joined by a middle
// syllable ("Ash" + "en" + "whistle") make 12,000, drawn with England's shape (the commonest about 0.8 % of people,
// the top hundred about a quarter), so a search by family name meets crowds of a realistic size.
const JOINS = ['', 'en', 'er', 'ing', 'by', 'ley', 'ton', 'well', 'ford', 'ham', 'in', 'ock'];
const AUTHORITY_FAMILY_NAMES = (() => {
  const names = NAME_STARTS.flatMap((start) => JOINS.flatMap((join) => NAME_ENDS.map((end) => start + join + end)));
  const rnd = random(1_000);
  for (let i = names.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [names[i], names[j]] = [names[j]!, names[i]!];
  }
  return names;
})();
const FAMILY_NAME_SHARE = (() => {
  let total = 0;
  const cumulative = AUTHORITY_FAMILY_NAMES.map((_, rank) => (total += 1 / (rank + 20)));
  return cumulative.map((c) => c / total);
})();

/** A family name for a whole authority's population, from a uniform draw `u` in [0, 1). */
export function authorityFamilyName(u: number): string {
  let low = 0;
  let high = FAMILY_NAME_SHARE.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (FAMILY_NAME_SHARE[mid]! > u) high = mid;
    else low = mid + 1;
  }
  return AUTHORITY_FAMILY_NAMES[low]!;
}
export const GIVEN = {
  F: [
    'Amara', 'Bethany', 'Chloe', 'Daisy', 'Ella', 'Freya', 'Grace', 'Hana', 'Isla', 'Jade', 'Keira', 'Lily', 'Maya', 'Nia',
    'Olivia', 'Poppy', 'Ruby', 'Sofia', 'Tia', 'Zara', 'Aisha', 'Erin', 'Leah', 'Zoë', 'Amelia', 'Ava', 'Bella', 'Carys',
    'Darcy', 'Eden', 'Evie', 'Fatima', 'Gracie', 'Harper', 'Imogen', 'Ivy', 'Jasmine', 'Kayla', 'Layla', 'Lola', 'Mia',
    'Millie', 'Nadia', 'Orla', 'Phoebe', 'Rosie', 'Sienna', 'Skye', 'Thea', 'Willow', 'Yasmin', 'Aaliyah', 'Abigail',
    'Alice', 'Anya', 'Beatrice', 'Clara', 'Delilah', 'Elsie', 'Esme', 'Florence', 'Hollie', 'Iris', 'Lacey', 'Maisie',
  ],
  M: [
    'Aaron', 'Ben', 'Caleb', 'Dylan', 'Ethan', 'Finn', 'George', 'Harry', 'Isaac', 'Jayden', 'Kai', 'Leo', 'Mason', 'Noah',
    'Oscar', 'Reuben', 'Sami', 'Theo', 'Tyler', 'Zain', 'Callum', 'Luca', 'Omar', 'Rhys', 'Alfie', 'Archie', 'Arlo',
    'Bobby', 'Charlie', 'Daniel', 'Elijah', 'Ezra', 'Felix', 'Freddie', 'Hamza', 'Harvey', 'Hugo', 'Jack', 'Jacob',
    'Jude', 'Kian', 'Logan', 'Louis', 'Max', 'Mohammed', 'Nathan', 'Ollie', 'Riley', 'Ronnie', 'Rory', 'Sebastian',
    'Stanley', 'Teddy', 'Toby', 'Tommy', 'Yusuf', 'Adam', 'Albie', 'Bilal', 'Cody', 'Declan', 'Ellis', 'Idris', 'Joel',
  ],
};
export const STREETS = ['Larch Row', 'Kiln Lane', 'Mill Yard', 'Orchard Way', 'Tanner Street', 'Heron Close', 'Wharf Road', 'Copse View', 'Chapel Walk', 'Beacon Rise'];
const ETHNICITIES = ['WBRI', 'WBRI', 'WBRI', 'WBRI', 'WBRI', 'WOTH', 'WIRI', 'MWBC', 'MWAS', 'AIND', 'APKN', 'BAFR', 'BCRB', 'CHNE', 'OOTH', 'WROM'];
const LANGUAGES = ['English', 'English', 'English', 'English', 'English', 'Polish', 'Urdu', 'Romanian', 'Arabic', 'Portuguese'];

export interface SyntheticPerson {
  key: string;
  personType: 'child' | 'unborn' | 'adult';
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  expectedDateOfDelivery: string | null;
  sex: 'M' | 'F' | 'U';
  ethnicity: string;
  nhsNumber: string | null;
  upn: string | null;
  language: string;
  disabilities: string[];
  aliases: { givenName: string; familyName: string }[];
}

export interface SyntheticFamily {
  people: SyntheticPerson[];
  /** "from is the kind of to", as stored. */
  relationships: { from: string; to: string; kind: string }[];
  addresses: { line1: string; town: string; postcode: string; startDate: string; endDate: string | null }[];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

export function generateFamilies(options: { seed: number; children: number; referenceDate?: string }): SyntheticFamily[] {
  const rnd = random(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const reference = new Date(`${options.referenceDate ?? '2026-09-01'}T00:00:00Z`);
  const daysBefore = (days: number) => iso(new Date(reference.getTime() - days * 86_400_000));
  let nhsSerial = 100_000;
  const nhsNumber = () => {
    for (;;) {
      const nine = `999${String(nhsSerial++).padStart(6, '0')}`;
      const check = nhsCheckDigit(nine);
      if (check !== null) return `${nine}${check}`;
    }
  };
  let upnSerial = 1;
  const upn = () => {
    const rest = `873${String(2000 + Math.floor(rnd() * 8000))}${String(15 + Math.floor(rnd() * 10))}${String(upnSerial++ % 1000).padStart(3, '0')}`;
    return `${upnCheckLetter(rest)}${rest}`;
  };

  const families: SyntheticFamily[] = [];
  let childCount = 0;
  let familyIndex = 0;
  while (childCount < options.children) {
    const familyName = pick(FAMILY_NAMES);
    const ethnicity = pick(ETHNICITIES);
    const language = pick(LANGUAGES);
    const people: SyntheticPerson[] = [];
    const relationships: SyntheticFamily['relationships'] = [];
    const key = (i: number) => `f${familyIndex}p${i}`;
    const person = (p: Omit<SyntheticPerson, 'key' | 'ethnicity' | 'language' | 'aliases'> & { aliases?: SyntheticPerson['aliases'] }) => {
      const full: SyntheticPerson = { key: key(people.length), ethnicity, language, aliases: [], ...p };
      people.push(full);
      return full.key;
    };
    const adults = rnd() < 0.45 ? 1 : 2;
    const parentKeys: string[] = [];
    // Parents are 22 to 43; each child is born when the younger parent was at least 17.
    const parentAges = Array.from({ length: adults }, () => 22 + Math.floor(rnd() * 22));
    const oldestChildAge = Math.min(17, Math.min(...parentAges) - 18);
    for (let a = 0; a < adults; a++) {
      const sex = a === 0 ? 'F' : 'M';
      parentKeys.push(
        person({
          personType: 'adult',
          givenName: pick(GIVEN[sex]),
          familyName,
          dateOfBirth: daysBefore(365 * parentAges[a]! + Math.floor(rnd() * 365)),
          expectedDateOfDelivery: null,
          sex,
          nhsNumber: nhsNumber(),
          upn: null,
          disabilities: [],
          aliases: rnd() < 0.15 ? [{ givenName: pick(GIVEN[sex]), familyName: pick(FAMILY_NAMES) }] : [],
        }),
      );
    }
    if (adults === 2) relationships.push({ from: parentKeys[0]!, to: parentKeys[1]!, kind: 'partner' });
    const childKeys: string[] = [];
    const children = Math.min(1 + Math.floor(rnd() * 4), options.children - childCount);
    for (let c = 0; c < children; c++) {
      const sex = rnd() < 0.5 ? 'F' : 'M';
      const age = Math.floor(rnd() * (oldestChildAge + 1));
      const schoolAge = age >= 4;
      childKeys.push(
        person({
          personType: 'child',
          givenName: pick(GIVEN[sex]),
          familyName,
          dateOfBirth: daysBefore(365 * age + Math.floor(rnd() * 365)),
          expectedDateOfDelivery: null,
          sex,
          nhsNumber: rnd() < 0.9 ? nhsNumber() : null,
          upn: schoolAge && rnd() < 0.85 ? upn() : null,
          disabilities: rnd() < 0.12 ? [pick(['LD', 'AUT', 'COMM', 'MOB', 'BEH', 'HEAR'])] : ['NONE'],
        }),
      );
    }
    // Now and then a pregnancy is known before birth: the unborn child has a record of its own.
    if (rnd() < 0.04 && childCount + children < options.children) {
      childKeys.push(
        person({
          personType: 'unborn',
          givenName: 'Unborn',
          familyName,
          dateOfBirth: null,
          expectedDateOfDelivery: iso(new Date(reference.getTime() + Math.floor(30 + rnd() * 200) * 86_400_000)),
          sex: 'U',
          nhsNumber: null,
          upn: null,
          disabilities: [],
        }),
      );
    }
    for (const child of childKeys) for (const parent of parentKeys) relationships.push({ from: parent, to: child, kind: 'parent' });
    for (let i = 0; i < childKeys.length; i++)
      for (let j = i + 1; j < childKeys.length; j++) relationships.push({ from: childKeys[i]!, to: childKeys[j]!, kind: 'sibling' });

    const address = (start: number, end: number | null) => ({
      line1: `${1 + Math.floor(rnd() * 120)} ${pick(STREETS)}`,
      town: 'Brackenshire',
      postcode: `ZZ99 ${1 + Math.floor(rnd() * 9)}${pick(['A', 'B', 'D', 'E', 'F', 'G', 'H', 'J'])}${pick(['A', 'B', 'D', 'E', 'F', 'G', 'H', 'J'])}`,
      startDate: daysBefore(start),
      endDate: end === null ? null : daysBefore(end),
    });
    const moved = rnd() < 0.35;
    const moveDay = 60 + Math.floor(rnd() * 900);
    const addresses = moved ? [address(moveDay + 400 + Math.floor(rnd() * 2000), moveDay + 1), address(moveDay, null)] : [address(1000 + Math.floor(rnd() * 3000), null)];

    families.push({ people, relationships, addresses });
    childCount += childKeys.length;
    familyIndex++;
  }
  return families;
}
