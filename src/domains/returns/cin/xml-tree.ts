import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ReturnFileError } from '../engine.ts';

/**
 * An XML file as a plain tree of elements in document order (namespace prefixes and attributes set aside: the
 * census uses neither for data). Reading refuses a file that is not well-formed XML, naming the line and column.
 */
export interface XmlElement {
  name: string;
  /** The element's own text, trimmed (empty for an element holding only elements). */
  text: string;
  children: XmlElement[];
}

type Ordered = Record<string, unknown>[];

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, removeNSPrefix: true, preserveOrder: true, processEntities: true });

export function readXmlTree(xml: string): XmlElement {
  if (typeof xml !== 'string' || xml.trim() === '') throw new ReturnFileError('The file is empty: a CIN census file is an XML document starting with <Message>.');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new ReturnFileError(`The file is not well-formed XML (line ${valid.err.line}, column ${valid.err.col}): ${valid.err.msg}`);
  const roots = toElements(parser.parse(xml) as Ordered).filter((e) => !e.name.startsWith('?') && !e.name.startsWith('!'));
  if (roots.length !== 1) throw new ReturnFileError('The file must have exactly one top-level element (<Message>).');
  return roots[0]!;
}

function toElements(nodes: Ordered): XmlElement[] {
  const out: XmlElement[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name === '#text' || name === '#comment') continue;
    const inner = (node[name] as Ordered | undefined) ?? [];
    const text = inner
      .filter((n) => '#text' in n)
      .map((n) => String(n['#text']))
      .join('')
      .trim();
    out.push({ name, text, children: toElements(inner) });
  }
  return out;
}

/** The first child element of this name, if any. */
export const child = (el: XmlElement | undefined, name: string) => el?.children.find((c) => c.name === name);
/** Every child element of this name, in document order. */
export const children = (el: XmlElement | undefined, name: string) => el?.children.filter((c) => c.name === name) ?? [];
/** A child element's text; null when the element is missing or empty. */
export const textOf = (el: XmlElement | undefined, name: string) => {
  const c = child(el, name);
  return c && c.text !== '' ? c.text : null;
};
