// A Word (.docx) draft as text the draft parser reads: one Word paragraph per
// line with blank lines between, headings as Markdown headings, wholly bold
// short paragraphs as **bold** (titles, sub-headings), footnote markers as
// superscript digits and each footnote's text on its own line right after the
// paragraph that cites it.
//
// mammoth reads the document (runs, hyperlinks, tracked insertions, tables,
// footnotes). What mammoth leaves out is the number Word draws in front of a
// paragraph of a numbered list — and negotiated drafts number their
// paragraphs that way, so "15." is not in the text at all. Before mammoth
// reads the file, `materialiseListLabels` computes each list paragraph's
// label as Word does (numbering.xml: format, start, restarts, "%1." patterns;
// numbering given by the paragraph's style) and writes it into the
// paragraph's text.
import type JSZip from 'jszip';
import { DEFAULT_READ_LIMITS, megabytes, RAISE_WORD_XML_LIMIT } from './readPolicy';

// The readers are loaded on first use, like pdf.js: most workspaces have no Word draft.
const loadMammoth = async () => (await import('mammoth')).default;
const loadJSZip = async () => (await import('jszip')).default;
// @xmldom/xmldom's type declarations pull the browser's DOM types into the
// whole project; it is required untyped, with the little used here typed below.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadXmldom = () => require('@xmldom/xmldom') as Xmldom;

interface Xmldom {
  DOMParser: new (options?: { errorHandler?: { error?(message: string): void; fatalError?(message: string): void } }) => { parseFromString(xml: string, mimeType: string): XmlDocument };
  XMLSerializer: new () => { serializeToString(node: XmlDocument): string };
}

interface XmlNode {
  nodeType: number;
  localName?: string | null;
  namespaceURI?: string | null;
  prefix?: string | null;
  firstChild: XmlNode | null;
  nextSibling: XmlNode | null;
}

interface XmlElement extends XmlNode {
  getElementsByTagNameNS(namespace: string, name: string): { length: number; item(index: number): XmlElement | null };
  getElementsByTagName(name: string): { length: number; item(index: number): XmlElement | null };
  getAttribute(name: string): string | null;
  getAttributeNS(namespace: string, name: string): string | null;
  hasAttribute(name: string): boolean;
  hasAttributeNS(namespace: string, name: string): boolean;
  setAttributeNS(namespace: string, name: string, value: string): void;
  appendChild(node: XmlNode): void;
  insertBefore(node: XmlNode, before: XmlNode | null): void;
}

interface XmlDocument {
  documentElement: XmlElement | null;
  createElementNS(namespace: string, name: string): XmlElement;
  createTextNode(text: string): XmlNode;
}

/** Thrown for a file that is not a readable .docx; the message says why, for the user. */
export class WordReadError extends Error {}

const WORD_NAMESPACES = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const DOCUMENT_PART = 'word/document.xml';

export interface WordReadOptions {
  /** Largest total of XML the file may inflate to (default 200 MB): checked on the sizes the package declares, before inflating. */
  maxXmlBytes?: number;
}

export async function docxToText(data: Uint8Array, options: WordReadOptions = {}): Promise<string> {
  const zip = await openDocx(data);
  checkInflatedSize(zip, options.maxXmlBytes ?? DEFAULT_READ_LIMITS.maxWordXmlBytes);
  const labelled = await materialiseListLabels(zip);
  let document: MammothElement | undefined;
  const mammoth = await loadMammoth();
  try {
    await mammoth.convertToHtml(
      { buffer: Buffer.from(labelled) },
      {
        transformDocument: (element: MammothElement) => (document = element),
        // The images are not needed: tell mammoth not to read them.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
  } catch (error) {
    throw new WordReadError(`the Word file cannot be read (${messageOf(error)})`);
  }
  if (!document) throw new WordReadError('the Word file has no document body');
  return renderDocument(document);
}

async function openDocx(data: Uint8Array): Promise<JSZip> {
  if (data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0) {
    throw new WordReadError('an old Word 97–2003 (.doc) file with a .docx name: save it as a Word document (.docx)');
  }
  let zip: JSZip;
  try {
    zip = await (await loadJSZip()).loadAsync(data);
  } catch (error) {
    throw new WordReadError(`not a Word .docx file, or a damaged one (${messageOf(error)})`);
  }
  if (!zip.file((await partPaths(zip)).document)) throw new WordReadError('not a Word .docx file: it has no main document');
  return zip;
}

/**
 * Refuses a package whose parts would inflate past `maxBytes` (a "zip bomb",
 * or a document far larger than any draft), on the uncompressed sizes its
 * directory declares, before anything is inflated.
 */
function checkInflatedSize(zip: JSZip, maxBytes: number): void {
  let total = 0;
  zip.forEach((_, entry) => {
    if (entry.dir) return;
    // JSZip keeps the declared size of each entry it has not inflated yet.
    const declared = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
    if (typeof declared === 'number' && declared > 0) total += declared;
  });
  if (total > maxBytes) {
    throw new WordReadError(`the Word file inflates to ${megabytes(total)}, over the limit of ${megabytes(maxBytes)} of inflated Word content: not read (${RAISE_WORD_XML_LIMIT})`);
  }
}

function messageOf(error: unknown): string {
  return String((error as { message?: string })?.message ?? error).replace(/\.$/, '');
}

// ---------------------------------------------------------------- list labels

interface Level {
  format: string;
  text: string;
  start: number;
  /** w:lvlRestart, 0-based: restarts when a level up to this one is used (-1: never); undefined: after any higher level. */
  restartAfter?: number;
}

interface NumberingDefinitions {
  /** abstractNumId -> levels by ilvl. */
  abstract: Map<string, Map<number, Level>>;
  /** numId -> its abstract numbering and its start overrides by ilvl. */
  nums: Map<string, { abstractId: string; startOverrides: Map<number, number> }>;
}

function parseXml(xml: string, part: string): XmlDocument & { documentElement: XmlElement } {
  const errors: string[] = [];
  const record = (message: string) => void errors.push(message);
  let parsed: XmlDocument | undefined;
  try {
    parsed = new (loadXmldom().DOMParser)({ errorHandler: { error: record, fatalError: record } }).parseFromString(xml, 'text/xml');
  } catch (error) {
    record(String(error));
  }
  if (errors.length || !parsed?.documentElement) throw new WordReadError(`the Word file is damaged: ${part} is not well-formed XML`);
  return parsed as XmlDocument & { documentElement: XmlElement };
}

const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

/** Where the main document, its numbering and its styles are (word/document.xml … unless the package says otherwise). */
async function partPaths(zip: JSZip): Promise<{ document: string; numbering: string; styles: string }> {
  const targets = async (relsPath: string, base: string): Promise<Map<string, string>> => {
    const found = new Map<string, string>();
    const xml = await zip.file(relsPath)?.async('string');
    if (!xml) return found;
    const list = parseXml(xml, relsPath).documentElement.getElementsByTagName('Relationship');
    for (let i = 0; i < list.length; i++) {
      const relationship = list.item(i)!;
      const type = relationship.getAttribute('Type') ?? '';
      const target = relationship.getAttribute('Target');
      if (type.startsWith(RELATIONSHIPS) && target) found.set(type.slice(RELATIONSHIPS.length), target.startsWith('/') ? target.slice(1) : `${base}${target}`);
    }
    return found;
  };
  const document = (await targets('_rels/.rels', '')).get('officeDocument') ?? DOCUMENT_PART;
  const folder = document.includes('/') ? document.slice(0, document.lastIndexOf('/') + 1) : '';
  const related = await targets(`${folder}_rels/${document.slice(folder.length)}.rels`, folder);
  return { document, numbering: related.get('numbering') ?? 'word/numbering.xml', styles: related.get('styles') ?? 'word/styles.xml' };
}

/** The .docx with each list paragraph's label ("15.", "A.", "(a)", "•") written at the start of its text. */
export async function materialiseListLabels(zip: JSZip): Promise<Uint8Array> {
  const parts = await partPaths(zip);
  const numberingXml = await zip.file(parts.numbering)?.async('string');
  const documentXml = await zip.file(parts.document)?.async('string');
  if (!numberingXml || documentXml === undefined) return zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
  const definitions = readNumbering(parseXml(numberingXml, parts.numbering).documentElement);
  const stylesXml = await zip.file(parts.styles)?.async('string');
  const styleNumbering = stylesXml ? readStyleNumbering(parseXml(stylesXml, parts.styles).documentElement) : new Map<string, StyleNumbering>();
  const document = parseXml(documentXml, parts.document);

  const counters = new Map<string, Array<number | undefined>>();
  const startedNums = new Set<string>();
  for (const paragraph of elements(document.documentElement, 'p')) {
    const properties = child(paragraph, 'pPr');
    const direct = properties ? child(properties, 'numPr') : undefined;
    const style = properties ? attribute(child(properties, 'pStyle'), 'val') : undefined;
    const fromStyle = style ? resolveStyleNumbering(styleNumbering, style) : undefined;
    const numId = attribute(direct && child(direct, 'numId'), 'val') ?? fromStyle?.numId;
    const ilvl = Number(attribute(direct && child(direct, 'ilvl'), 'val') ?? fromStyle?.ilvl ?? 0);
    if (!numId || numId === '0' || !Number.isInteger(ilvl) || ilvl < 0 || ilvl > 8) continue;
    const num = definitions.nums.get(numId);
    const levels = num ? definitions.abstract.get(num.abstractId) : undefined;
    const level = levels?.get(ilvl);
    if (!num || !levels || !level) continue;
    // Lists of one abstract numbering continue each other; a w:num with a start override restarts it.
    const values = counters.get(num.abstractId) ?? [];
    counters.set(num.abstractId, values);
    const override = num.startOverrides.get(ilvl);
    const startKey = `${numId}\n${ilvl}`;
    if (override !== undefined && !startedNums.has(startKey)) values[ilvl] = override - 1;
    startedNums.add(startKey);
    const previous = values[ilvl];
    values[ilvl] = previous === undefined ? level.start : previous + 1;
    for (let deeper = ilvl + 1; deeper < 9; deeper++) {
      const restartAfter = levels.get(deeper)?.restartAfter;
      if (restartAfter === undefined || restartAfter >= ilvl) values[deeper] = undefined;
    }
    const label = renderLabel(level, ilvl, levels, values);
    if (label !== '') prependText(document, paragraph, properties, `${label} `);
  }
  zip.file(parts.document, new (loadXmldom().XMLSerializer)().serializeToString(document));
  return zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
}

function readNumbering(root: XmlElement): NumberingDefinitions {
  const abstract = new Map<string, Map<number, Level>>();
  for (const definition of elements(root, 'abstractNum')) {
    const id = attribute(definition, 'abstractNumId');
    if (id === undefined) continue;
    const levels = new Map<number, Level>();
    for (const lvl of elements(definition, 'lvl')) {
      const ilvl = Number(attribute(lvl, 'ilvl') ?? 0);
      const restart = attribute(child(lvl, 'lvlRestart'), 'val');
      levels.set(ilvl, {
        format: attribute(child(lvl, 'numFmt'), 'val') ?? 'decimal',
        text: attribute(child(lvl, 'lvlText'), 'val') ?? `%${ilvl + 1}.`,
        start: Number(attribute(child(lvl, 'start'), 'val') ?? 1),
        restartAfter: restart === undefined ? undefined : Number(restart) === 0 ? -1 : Number(restart) - 1,
      });
    }
    abstract.set(id, levels);
  }
  const nums = new Map<string, { abstractId: string; startOverrides: Map<number, number> }>();
  for (const num of elements(root, 'num')) {
    const id = attribute(num, 'numId');
    const abstractId = attribute(child(num, 'abstractNumId'), 'val');
    if (id === undefined || abstractId === undefined) continue;
    const startOverrides = new Map<number, number>();
    for (const override of elements(num, 'lvlOverride')) {
      const start = attribute(child(override, 'startOverride'), 'val');
      if (start !== undefined) startOverrides.set(Number(attribute(override, 'ilvl') ?? 0), Number(start));
    }
    nums.set(id, { abstractId, startOverrides });
  }
  return { abstract, nums };
}

interface StyleNumbering {
  numId?: string;
  ilvl?: string;
  basedOn?: string;
}

function readStyleNumbering(root: XmlElement): Map<string, StyleNumbering> {
  const styles = new Map<string, StyleNumbering>();
  for (const style of elements(root, 'style')) {
    const id = attribute(style, 'styleId');
    if (id === undefined || attribute(style, 'type') !== 'paragraph') continue;
    const properties = child(style, 'pPr');
    const numPr = properties ? child(properties, 'numPr') : undefined;
    styles.set(id, {
      numId: attribute(numPr && child(numPr, 'numId'), 'val'),
      ilvl: attribute(numPr && child(numPr, 'ilvl'), 'val'),
      basedOn: attribute(child(style, 'basedOn'), 'val'),
    });
  }
  return styles;
}

/** A paragraph style's numbering, inherited through "based on" styles. */
function resolveStyleNumbering(styles: Map<string, StyleNumbering>, id: string): { numId?: string; ilvl?: string } | undefined {
  let numId: string | undefined;
  let ilvl: string | undefined;
  const seen = new Set<string>();
  for (let style = styles.get(id); style && !seen.has(id); style = style.basedOn ? styles.get((id = style.basedOn)) : undefined) {
    seen.add(id);
    numId ??= style.numId;
    ilvl ??= style.ilvl;
  }
  return numId ? { numId, ilvl } : undefined;
}

function renderLabel(level: Level, ilvl: number, levels: Map<number, Level>, values: Array<number | undefined>): string {
  if (level.format === 'bullet') return '•';
  if (level.format === 'none') return level.text.replace(/%\d/g, '').trim();
  return level.text
    .replace(/%(\d)/g, (_, digit: string) => {
      const at = Number(digit) - 1;
      if (at > ilvl) return '';
      const value = values[at] ?? levels.get(at)?.start ?? 1;
      return formatNumber(value, levels.get(at)?.format ?? 'decimal');
    })
    .trim();
}

function formatNumber(value: number, format: string): string {
  switch (format) {
    case 'lowerLetter':
      return letters(value).toLowerCase();
    case 'upperLetter':
      return letters(value);
    case 'lowerRoman':
      return roman(value).toLowerCase();
    case 'upperRoman':
      return roman(value);
    case 'decimalZero':
      return String(value).padStart(2, '0');
    default:
      return String(value);
  }
}

/** Word's letters: A … Z, then AA … ZZ, AAA … */
function letters(value: number): string {
  if (value < 1) return String(value);
  const letter = String.fromCharCode(65 + ((value - 1) % 26));
  return letter.repeat(Math.floor((value - 1) / 26) + 1);
}

function roman(value: number): string {
  if (value < 1 || value > 3999) return String(value);
  const numerals: Array<[number, string]> = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [amount, numeral] of numerals) for (; value >= amount; value -= amount) out += numeral;
  return out;
}

function prependText(document: XmlDocument, paragraph: XmlElement, properties: XmlElement | undefined, text: string): void {
  const namespace = paragraph.namespaceURI!;
  const prefix = paragraph.prefix ? `${paragraph.prefix}:` : '';
  const run = document.createElementNS(namespace, `${prefix}r`);
  const content = document.createElementNS(namespace, `${prefix}t`);
  content.setAttributeNS('http://www.w3.org/XML/1998/namespace', 'xml:space', 'preserve');
  content.appendChild(document.createTextNode(text));
  run.appendChild(content);
  paragraph.insertBefore(run, properties ? properties.nextSibling : paragraph.firstChild);
}

function isWordElement(node: XmlNode, name: string): boolean {
  return node.nodeType === 1 && node.localName === name && WORD_NAMESPACES.has(node.namespaceURI ?? '');
}

function elements(root: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const namespace of WORD_NAMESPACES) {
    const list = root.getElementsByTagNameNS(namespace, name);
    for (let i = 0; i < list.length; i++) found.push(list.item(i)!);
  }
  return found;
}

function child(parent: XmlElement, name: string): XmlElement | undefined {
  for (let node = parent.firstChild; node; node = node.nextSibling) if (isWordElement(node, name)) return node as XmlElement;
  return undefined;
}

function attribute(element: XmlElement | undefined, name: string): string | undefined {
  if (!element) return undefined;
  for (const namespace of WORD_NAMESPACES) if (element.hasAttributeNS(namespace, name)) return element.getAttributeNS(namespace, name) ?? undefined;
  return element.hasAttribute(`w:${name}`) ? element.getAttribute(`w:${name}`) ?? undefined : undefined;
}

// ---------------------------------------------------------------- text

/** The parts of mammoth's document model read here (see mammoth's lib/documents.js). */
interface MammothElement {
  type: string;
  children?: MammothElement[];
  value?: string;
  styleName?: string | null;
  isBold?: boolean;
  verticalAlignment?: string;
  breakType?: string;
  noteType?: string;
  noteId?: string;
  body?: MammothElement[];
  notes?: { resolve(reference: MammothElement): MammothElement | null };
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const MAX_BOLD_TITLE_LENGTH = 120;

function renderDocument(document: MammothElement): string {
  const blocks: string[] = [];
  const noteNumbers = new Map<string, number>();
  const renderBlock = (element: MammothElement) => {
    if (element.type === 'paragraph') {
      // Footnotes are numbered in the order they are first cited, as Word shows them.
      const cited: Array<{ number: number; note: MammothElement }> = [];
      const line = renderParagraph(element, (reference) => {
        const key = `${reference.noteType}-${reference.noteId}`;
        let number = noteNumbers.get(key);
        if (number === undefined) {
          number = noteNumbers.size + 1;
          noteNumbers.set(key, number);
          const note = document.notes?.resolve(reference);
          if (note) cited.push({ number, note });
        }
        return superscript(String(number));
      });
      if (line !== '') blocks.push(line);
      for (const { number, note } of cited) {
        const text = (note.body ?? []).map((paragraph) => plainText(paragraph)).join(' ').replace(/\s+/g, ' ').trim();
        blocks.push(`${superscript(String(number))} ${text}`);
      }
      return;
    }
    for (const inner of element.children ?? []) renderBlock(inner);
  };
  for (const element of document.children ?? []) renderBlock(element);
  return blocks.length ? `${blocks.join('\n\n')}\n` : '';
}

function renderParagraph(paragraph: MammothElement, noteMarker: (reference: MammothElement) => string): string {
  let text = '';
  let allBold = true;
  let hasText = false;
  const walk = (element: MammothElement, bold: boolean, raised: boolean) => {
    switch (element.type) {
      case 'text': {
        const value = element.value ?? '';
        if (value.trim() !== '') {
          hasText = true;
          if (!bold) allBold = false;
        }
        text += raised && /^\d+$/.test(value.trim()) ? superscript(value.trim()) : value;
        return;
      }
      case 'tab':
        text += ' ';
        return;
      case 'break':
        text += element.breakType === 'line' ? '\n' : ' ';
        return;
      case 'noteReference':
        text = text.replace(/\s+$/, '') + noteMarker(element);
        return;
      case 'run':
        for (const inner of element.children ?? []) walk(inner, !!element.isBold, element.verticalAlignment === 'superscript');
        return;
      default:
        for (const inner of element.children ?? []) walk(inner, bold, raised);
    }
  };
  walk(paragraph, false, false);
  const lines = text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00A0]+/g, ' ').trim())
    .filter((line) => line !== '');
  if (!hasText || lines.length === 0) return '';
  const body = lines.join('\n');
  const heading = /^(?:heading\s*(\d)|title)$/i.exec(paragraph.styleName ?? '');
  if (heading && lines.length === 1) return `${'#'.repeat(Number(heading[1] ?? 1))} ${body}`;
  if (allBold && lines.length === 1 && body.length <= MAX_BOLD_TITLE_LENGTH && !/^\*/.test(body)) return `**${body}**`;
  return body;
}

function plainText(element: MammothElement): string {
  if (element.type === 'text') return element.value ?? '';
  if (element.type === 'tab' || element.type === 'break') return ' ';
  return (element.children ?? []).map(plainText).join('');
}

function superscript(digits: string): string {
  return digits.replace(/\d/g, (digit) => SUPERSCRIPT[Number(digit)]);
}
