// UN document symbols and resolution numbers as people really write them:
// "A/RES/70/237", "Res 70/237", "General Assembly resolution 73/27",
// "resolutions 70/237 and 73/27", "resolution 2131 (XX)", "43/78(H)",
// "resolution 3367 A (XXX)", "decisions 31/406 A to E", "A/Res/70/237",
// "A/68/98*", "A/C.1/73/L.27/Rev.1", "S/RES/2341 (2017)", "decision 75/564".
//
// Canonical form (the one undocs.org takes): no spaces, "RES" and "DEC" in
// capitals, part letter glued to the number ("A/RES/43/78H",
// "A/RES/3367A(XXX)"), session or year glued in parentheses
// ("A/RES/2131(XX)", "S/RES/2341(2017)"), no reissue asterisk. A run of
// parts ("A to E") yields the parts written, the first and the last.
import { SymbolMention, Span } from './model';
import { overlapsAny } from './spans';

type SymbolKind = SymbolMention['kind'];

// Letters and digits of any script: a symbol never starts or ends glued to a word.
// An underscore is Markdown emphasis ("_A/70/174_") unless it joins two words.
const WORD_CHAR = /[\p{L}\p{Nd}]/u;

const URL =
  /<[a-z][a-z0-9+.-]*:[^>\s]*>|\b(?:https?|ftp):\/\/[^\s<>"”’)\]]+|(?<![\p{L}\p{Nd}_@./-])(?:www\.|(?:[a-z0-9-]+\.)+(?:org|int|com|net|edu|gov|io)\/)[^\s<>"”’)\]]*/giu;
// What every URL holds: "<" and a letter, "://", "www." or a domain's end and a slash.
const URL_MARK = /<[a-z]|:\/\/|www\.|\.(?:org|int|com|net|edu|gov|io)\//giu;
const SPACE = /\s/u;
const NEXT_SPACE = /\s/gu;

/**
 * Spans of URLs: "<https://…>", bare "https://…", "www.…" and scheme-less
 * "undocs.org/A/RES/70/237". Nothing inside a URL is a citation or a symbol.
 *
 * No URL holds a space, and every URL holds a mark (see URL_MARK): the full
 * pattern runs only over each run of non-space characters that holds a mark,
 * on its own (what stands before a run is a space or nothing, which the
 * pattern's look-behinds read alike), so it finds what it would find over the
 * whole text, without being tried at every word of a long submission.
 */
export function findUrls(text: string): Span[] {
  const urls: Span[] = [];
  URL_MARK.lastIndex = 0;
  for (let mark = URL_MARK.exec(text); mark; mark = URL_MARK.exec(text)) {
    let start = mark.index;
    while (start > 0 && !SPACE.test(text[start - 1])) start--;
    NEXT_SPACE.lastIndex = mark.index;
    const end = NEXT_SPACE.exec(text)?.index ?? text.length;
    const run = text.slice(start, end);
    URL.lastIndex = 0;
    for (let match = URL.exec(run); match; match = URL.exec(run)) {
      urls.push({ start: start + match.index, end: start + match.index + match[0].length });
    }
    URL_MARK.lastIndex = end;
  }
  return urls;
}

// ---- Full symbols: "A/AC.290/2021/CRP.2", "A/C.1/73/L.27.Rev.1" ----------

// Issuing organs and treaty bodies whose symbols appear in this field's texts.
const ORGAN = '(?:A|S|E|ST|T|DP|TD|UNEP|CCPR|CEDAW|CRC|CERD|CAT)';
// A component: "70", "2021", "S-10", "RES", "AC.290", "CRP.2", "Rev.1", "247B";
// "Res" and "res" are written for "RES" ("A/Res/70/237", "A/res/73/27").
const COMPONENT = '(?:(?:ES-|S-)?\\d+(?:\\.\\d+)*[A-Z]?|[A-Z][A-Za-z]*(?:\\.\\d+)*|(?:res|dec)(?=\\/))';
// "L.27.Rev.1" (a frequent misprint of "L.27/Rev.1") still reads as one symbol.
const SEPARATOR = '(?:\\/|\\.(?=(?:Rev|Add|Corr|Amend)\\.\\d))';
const FULL_SYMBOL = new RegExp(
  `(?<![\\p{L}\\p{Nd}/.\\-@]|[\\p{L}\\p{Nd}]_)${ORGAN}(?:${SEPARATOR}${COMPONENT})+(?![\\p{L}\\p{Nd}]|_[\\p{L}\\p{Nd}]|/[\\p{L}\\p{Nd}])`,
  'gu',
);

// After a resolution symbol: "(2017)" (Security Council year), "(XX)" (old GA
// session), "(H)" or " H" (part letter). Which one applies depends on the number's shape.
const AFTER_OLD_RESOLUTION = /(?:[ \u00a0]?([A-Z]))?[ \u00a0]?\(((?:19|20)\d\d|(?:ES-|S-)?[IVXL]+)\)/uy;
const PART_LETTER = /(?:[ \u00a0]?([A-Z])(?![\p{L}\p{Nd}/])|\(([A-Z])\))/uy;
// "A/RES/70-237", "A/RES/70.237": a session (31st onwards) and a number joined by
// the wrong mark. Read as one symbol, so that it can be corrected, not half-read.
const MISJOINED = /^((?!S\/).*\/(?:RES|DEC)\/(?:ES-|S-)?\d{2})(?:\.(\d{1,4}))?$/;
const MISJOINED_NUMBER = /[-‐–](\d{1,4})(?![\p{L}\p{Nd}]|\/[\p{L}\p{Nd}])/uy;
// A reissue is marked by an asterisk; Markdown writers escape it ("A/68/98\*").
const REISSUE = /\\?\*(?!\*)/y;

function kindOf(symbol: string): SymbolKind {
  if (/\/RES\//.test(symbol)) return 'resolution';
  if (/\/DEC\//.test(symbol)) return 'decision';
  return 'document';
}

function canonical(symbol: string): string {
  return upperCaseSeries(symbol.replace(/[ \u00a0]+/g, '').replace(/\.(?=(?:Rev|Add|Corr|Amend)\.\d)/g, '/'));
}

/** "A/Res/70/237" → "A/RES/70/237": the series of resolutions and decisions is written in capitals. */
function upperCaseSeries(symbol: string): string {
  return symbol.replace(/\/(res|dec)\//gi, (series) => series.toUpperCase());
}

/**
 * Tells, for offsets visited in increasing order, whether an odd number of
 * Markdown emphasis asterisks stands before them on their line: then an
 * asterisk right after a symbol closes the emphasis ("*see A/70/174*")
 * rather than marking a reissue. Counting as it goes keeps long lines linear;
 * `pass` steps over a reissue asterisk without counting it.
 */
function emphasisTracker(text: string): { openAt(offset: number): boolean; pass(offset: number): void } {
  let position = 0;
  let open = false;
  return {
    openAt(offset) {
      for (; position < offset; position++) {
        const char = text.charCodeAt(position);
        if (char === 10) open = false;
        else if (char === 92) position++; // a backslash escapes the next character
        else if (char === 42) open = !open;
      }
      return open;
    },
    pass(offset) {
      position = Math.max(position, offset);
    },
  };
}

function stickyAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

function scanFullSymbols(text: string, found: SymbolMention[]): void {
  const emphasis = emphasisTracker(text);
  FULL_SYMBOL.lastIndex = 0;
  for (let match = FULL_SYMBOL.exec(text); match; match = FULL_SYMBOL.exec(text)) {
    if (!/\d/.test(match[0])) continue;
    const start = match.index;
    let end = start + match[0].length;
    let symbol = upperCaseSeries(match[0]);
    const misjoined = MISJOINED.exec(symbol);
    if (misjoined) {
      const dashed = misjoined[2] === undefined ? stickyAt(MISJOINED_NUMBER, text, end) : null;
      if (misjoined[2] !== undefined || dashed) symbol = `${misjoined[1]}/${misjoined[2] ?? dashed![1]}`;
      if (dashed) end += dashed[0].length;
    }
    const resolution = kindOf(symbol) === 'resolution';
    if (resolution) {
      // "A/RES/43/78" has a session and a number: a letter after it is a part.
      // "A/RES/2131" and "S/RES/2341" take a session or a year in parentheses.
      const newStyle = /\/RES\/(?:ES-|S-)?\d+\/\d+$/.test(symbol);
      const extra = newStyle ? stickyAt(PART_LETTER, text, end) : stickyAt(AFTER_OLD_RESOLUTION, text, end);
      if (extra && !WORD_CHAR.test(text.charAt(end + extra[0].length))) {
        symbol += newStyle ? extra[1] ?? extra[2] : `${extra[1] ?? ''}(${extra[2]})`;
        end += extra[0].length;
      }
    }
    const reissue = stickyAt(REISSUE, text, end);
    if (reissue && !emphasis.openAt(start)) {
      end += reissue[0].length;
      emphasis.pass(end);
    }
    found.push({ span: { start, end }, raw: text.slice(start, end), symbol: canonical(symbol), kind: kindOf(symbol) });
    FULL_SYMBOL.lastIndex = end;
  }
}

// ---- Numbers introduced by a word: "Res 70/237", "decision 75/564" ------

const BODY = '(General Assembly|GA|UNGA|Security Council|SC|UNSC|Human Rights Council|HRC)';
const KEYWORD = '([Rr]esolutions?|RESOLUTIONS?|[Dd]ecisions?|DECISIONS?|(?:[Rr]es|RES)(?![\\p{L}])\\.?)';
// "resolutions, in particular 70/237": a plural keyword may be followed by a
// connector before its first number.
const CONNECTOR = '(?:,?[ \\t\\u00a0]+(?:in particular|including|notably|especially|such as),?)?';
const INTRODUCED = new RegExp(
  `(?<![\\p{L}\\p{Nd}]|[\\p{L}\\p{Nd}]_)(?:${BODY}[ \\t\\u00a0]+)?${KEYWORD}(?![\\p{L}])${CONNECTOR}[ \\t\\u00a0]*(?:\\r?\\n[ \\t\\u00a0]*)?`,
  'gu',
);

/** One number after a keyword, as the GA and the Security Council number them. */
interface Numbering {
  /** "70/237H", "2131(XX)", "3367A(XXX)", "2341(2017)", "2341". */
  number: string;
  /** Where it is written: "70/237 H", or the part "B (XXX)" of "3411 A and B (XXX)". */
  start: number;
  end: number;
  /** A year in parentheses makes it a Security Council resolution. */
  securityCouncil: boolean;
}

// Since the 31st session: session/number, optional part letter ("43/78 H", "43/78(H)").
const NEW_STYLE = /((?:ES-|S-)?\d{1,3})\/(\d{1,4})(?![\p{Nd}/]|\.\p{Nd})/uy;
// Until the 30th session: number, part letters, and session in roman numerals
// ("2131 (XX)", "3367 A (XXX)", "3411 A and B (XXX)"); Security Council: number (year).
const LETTER = '[A-Z](?![\\p{L}\\p{Nd}])';
const OLD_STYLE = new RegExp(
  `(\\d{1,4})((?:[ \\u00a0]?${LETTER}(?:(?:[ \\t\\u00a0]*,[ \\t\\u00a0]*(?:and[ \\t\\u00a0]+)?|[ \\t\\u00a0]+(?:and|to)[ \\t\\u00a0]+)${LETTER})*)?)[ \\u00a0]?\\(((?:19|20)\\d\\d|(?:ES-|S-)?[IVXL]+)\\)`,
  'uy',
);
const BARE_NUMBER = /(\d{1,4})(?![\p{Nd}/]|\.\p{Nd}|[ \u00a0]?\()/uy;
const CONTINUATION = /(?:[ \t\u00a0]*,[ \t\u00a0]*(?:(?:and|or)[ \t\u00a0]+)?|[ \t\u00a0]+(?:and|or)[ \t\u00a0]+)/uy;
// "decisions 31/406 A to E": the last part of a run of parts.
const PART_RUN = /[ \t\u00a0]+to[ \t\u00a0]+/uy;

/** The number at `at`, or its parts when several are written ("3411 A and B (XXX)"), in order. */
function readNumbering(text: string, at: number, bareAllowed: boolean): Numbering[] | undefined {
  const newStyle = stickyAt(NEW_STYLE, text, at);
  if (newStyle) {
    let number = `${newStyle[1]}/${newStyle[2]}`;
    let length = newStyle[0].length;
    const part = stickyAt(PART_LETTER, text, at + length);
    if (part) {
      number += part[1] ?? part[2];
      length += part[0].length;
    }
    return [{ number, start: at, end: at + length, securityCouncil: false }];
  }
  const oldStyle = stickyAt(OLD_STYLE, text, at);
  if (oldStyle && !WORD_CHAR.test(text.charAt(at + oldStyle[0].length))) {
    const [whole, number, parts, session] = oldStyle;
    const end = at + whole.length;
    const securityCouncil = /^\d/.test(session);
    const letters = [...parts.matchAll(/[A-Z]/g)];
    if (letters.length <= 1) return [{ number: `${number}${letters[0]?.[0] ?? ''}(${session})`, start: at, end, securityCouncil }];
    // Each written part is a resolution of its own; the session written once, after the last.
    const partsStart = at + number.length;
    return letters.map((letter, index) => {
      const letterAt = partsStart + (letter.index ?? 0);
      return {
        number: `${number}${letter[0]}(${session})`,
        start: index === 0 ? at : letterAt,
        end: index === letters.length - 1 ? end : letterAt + 1,
        securityCouncil,
      };
    });
  }
  if (bareAllowed) {
    const bare = stickyAt(BARE_NUMBER, text, at);
    if (bare) return [{ number: bare[1], start: at, end: at + bare[0].length, securityCouncil: true }];
  }
  return undefined;
}

// "resolutions 31/6 A and B": a lone letter continues the previous number with another part.
const LONE_PART = /([A-Z])(?![\p{L}\p{Nd}/])/uy;

function nextPart(text: string, at: number, previous: Numbering): Numbering[] | undefined {
  const base = /^(.*\/\d+)[A-Z]$/.exec(previous.number);
  const part = base ? stickyAt(LONE_PART, text, at) : null;
  return base && part ? [{ number: base[1] + part[1], start: at, end: at + 1, securityCouncil: false }] : undefined;
}

function symbolFor(body: string | undefined, keyword: string, numbering: Numbering): { symbol: string; kind: SymbolKind } {
  const decision = /^d/i.test(keyword);
  const kind: SymbolKind = decision ? 'decision' : 'resolution';
  const component = decision ? 'DEC' : 'RES';
  const securityCouncil = numbering.securityCouncil || /^(?:Security Council|SC|UNSC)$/.test(body ?? '');
  const organ = securityCouncil ? 'S' : /^(?:Human Rights Council|HRC)$/.test(body ?? '') ? 'A/HRC' : 'A';
  return { symbol: `${organ}/${component}/${numbering.number}`, kind };
}

function scanIntroducedNumbers(text: string, found: SymbolMention[]): void {
  INTRODUCED.lastIndex = 0;
  for (let match = INTRODUCED.exec(text); match; match = INTRODUCED.exec(text)) {
    const [introduction, body, keyword] = match;
    // "Security Council resolution 2341": without a year only the body says it is the Council's.
    const bareAllowed = body !== undefined && /^(?:Security Council|SC|UNSC)$/.test(body);
    let at = match.index + introduction.length;
    let numberings = readNumbering(text, at, bareAllowed);
    // The first mention starts at the keyword (or the body before it).
    let start = match.index;
    while (numberings) {
      for (const numbering of numberings) {
        const from = numbering === numberings[0] ? start : numbering.start;
        found.push({ span: { start: from, end: numbering.end }, raw: text.slice(from, numbering.end), ...symbolFor(body, keyword, numbering) });
      }
      const last = numberings[numberings.length - 1];
      at = last.end;
      // ", 73/27", " and B", or " to E" (a run of parts only).
      const continuation = stickyAt(CONTINUATION, text, at);
      const run = continuation ? null : stickyAt(PART_RUN, text, at);
      if (continuation) numberings = readNumbering(text, at + continuation[0].length, false) ?? nextPart(text, at + continuation[0].length, last);
      else numberings = run ? nextPart(text, at + run[0].length, last) : undefined;
      if (numberings) start = numberings[0].start;
    }
    INTRODUCED.lastIndex = at;
  }
}

/**
 * Every document symbol and resolution or decision number in `text`, in
 * order, without overlaps, none inside a URL. A bare "70/237" counts only
 * when a keyword ("resolution", "Res", "decision") introduces it or a list
 * that began with one continues ("resolutions 70/237 and 73/27").
 */
export function scanSymbols(text: string): SymbolMention[] {
  const candidates: SymbolMention[] = [];
  scanFullSymbols(text, candidates);
  scanIntroducedNumbers(text, candidates);
  candidates.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const urls = findUrls(text);
  const mentions: SymbolMention[] = [];
  let reached = 0;
  for (const mention of candidates) {
    if (mention.span.start < reached || overlapsAny(mention.span, urls)) continue;
    mentions.push(mention);
    reached = mention.span.end;
  }
  return mentions;
}

/**
 * The canonical symbol for one written symbol or resolution reference
 * ("Res 70/237", "A/RES/43/78 H", "S/RES/2341 (2017)", "A/68/98*"), or
 * undefined when the whole string is not one. Since the caller says the
 * string IS a symbol, a bare "70/237", "43/78 H" or "2131 (XX)" is read as a
 * General Assembly resolution.
 */
export function normaliseSymbol(raw: string): string | undefined {
  const written = raw.trim();
  const whole = (text: string): string | undefined => {
    const mentions = scanSymbols(text);
    return mentions.length === 1 && mentions[0].span.start === 0 && mentions[0].span.end === text.length ? mentions[0].symbol : undefined;
  };
  return whole(written) ?? (/^(?:ES-|S-)?\d/.test(written) ? whole(`resolution ${written}`) : undefined);
}
