/**
 * A tiny XML writer for Open311: elements from plain values, every text escaped, characters
 * that XML 1.0 forbids dropped. No dependency, no attributes, no mixed content.
 */

/** An XML value: text, a number, a boolean, null (empty element), a child object or a list. */
export type TXmlValue = string | number | boolean | null | undefined | TXmlNode | TXmlList;
/** Child elements by name, in order. */
export interface TXmlNode {
  [name: string]: TXmlValue;
}
/** Repeated elements of one name: `{ $list: 'service', items }` → <service>…</service><service>…</service>. */
export interface TXmlList {
  $list: string;
  items: TXmlValue[];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 does not allow, control characters among them
const INVALID = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for element content and attribute values. */
export function escapeXml(s: string): string {
  return s
    .replace(INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function isList(v: TXmlValue): v is TXmlList {
  return typeof v === 'object' && v !== null && '$list' in v;
}

function element(name: string, value: TXmlValue): string {
  if (!/^[A-Za-z_][\w.-]*$/.test(name)) throw new Error(`bad XML element name: ${name}`);
  if (value === null || value === undefined || value === '') return `<${name}/>`;
  if (isList(value)) return `<${name}>${value.items.map((i) => element(value.$list, i)).join('')}</${name}>`;
  if (typeof value === 'object') return `<${name}>${children(value)}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function children(node: TXmlNode): string {
  return Object.entries(node)
    .map(([k, v]) => (isList(v) ? v.items.map((i) => element(v.$list, i)).join('') : element(k, v)))
    .join('');
}

/**
 * A document with one root element. A list value inside an object repeats its element in place
 * (`{ attributes: { $list: 'attribute', items } }` nests; see `xmlList`).
 */
export function toXml(rootName: string, root: TXmlNode | TXmlList): string {
  return `<?xml version="1.0" encoding="utf-8"?>${element(rootName, root)}`;
}

/** A list of elements named `name`. */
export function xmlList(name: string, items: TXmlValue[]): TXmlList {
  return { $list: name, items };
}
