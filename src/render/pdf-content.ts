// Reading a page's content stream for its marked content: which runs carry
// an MCID (tagged), which are artifacts, which paint outside both (untagged),
// where each run's text stands on the page and what it says. pdf-lib writes
// content streams but does not parse them, so this is a small tokenizer over
// the operators (ISO 32000-1, 7.8.2 and 14.6), with just enough of the
// graphics state (cm, q/Q, text matrices) to place the text.
import { inflateSync } from "node:zlib";
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, decodePDFRawStream, type PDFContext, type PDFPage } from "pdf-lib";

export interface Operation {
  operator: string;
  /** Raw operand text, in order. */
  operands: string[];
  /** Offsets of the operation in the stream: from its first operand to the end of the operator. */
  start: number;
  end: number;
}

const keywords = new Set(["true", "false", "null"]);
// A character's class by its code, looked up in a table (a book's content streams are some 16 million characters).
const classes = new Uint8Array(256);
for (const code of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) classes[code] = 1;
for (const c of "()<>[]{}/%") classes[c.charCodeAt(0)] = 2;
const whitespace = { has: (code: number) => classes[code] === 1 };
const delimiters = { has: (code: number) => classes[code] === 2 };

/** The operations of a content stream (latin1 text), each with its operands' raw text. */
export function parseOperations(source: string): Operation[] {
  const operations: Operation[] = [];
  let operands: string[] = [];
  let start = -1;
  let i = 0;
  const n = source.length;
  const skipString = (at: number): number => {
    let depth = 0;
    for (let j = at; j < n; j++) {
      const c = source[j];
      if (c === "\\") j++;
      else if (c === "(") depth++;
      else if (c === ")" && --depth === 0) return j + 1;
    }
    return n;
  };
  // One operand from `at`: returns its end.
  const skipOperand = (at: number): number => {
    const c = source[at]!;
    if (c === "(") return skipString(at);
    if (c === "<" && source[at + 1] === "<") {
      let j = at + 2;
      while (j < n && !(source[j] === ">" && source[j + 1] === ">")) j = whitespace.has(source.charCodeAt(j)) ? j + 1 : skipOperand(j);
      return j + 2;
    }
    if (c === "<") return source.indexOf(">", at) + 1 || n;
    if (c === "[") {
      let j = at + 1;
      while (j < n && source[j] !== "]") j = whitespace.has(source.charCodeAt(j)) ? j + 1 : skipOperand(j);
      return j + 1;
    }
    let j = at + 1;
    while (j < n && !whitespace.has(source.charCodeAt(j)) && !delimiters.has(source.charCodeAt(j))) j++;
    return j;
  };
  while (i < n) {
    const code = source.charCodeAt(i);
    if (whitespace.has(code)) {
      i++;
      continue;
    }
    if (code === 0x25 /* % */) {
      while (i < n && source[i] !== "\n" && source[i] !== "\r") i++;
      continue;
    }
    const end = skipOperand(i);
    // Numbers, names, strings, arrays and dicts are operands; so are the keywords true, false and null.
    const isOperand =
      delimiters.has(code) || (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x2b || code === 0x2d || ((code === 0x74 || code === 0x66 || code === 0x6e) && keywords.has(source.slice(i, end)));
    if (start < 0) start = i;
    if (isOperand) {
      operands.push(source.slice(i, end));
      i = end;
      continue;
    }
    const operator = source.slice(i, end);
    if (operator === "BI") {
      // An inline image: its data runs to EI after ID.
      const data = source.indexOf("ID", end);
      const close = source.indexOf("EI", data + 3);
      i = close < 0 ? n : close + 2;
      operations.push({ operator: "BI", operands, start, end: i });
    } else {
      i = end;
      operations.push({ operator, operands, start, end });
    }
    operands = [];
    start = -1;
  }
  return operations;
}

type Matrix = [number, number, number, number, number, number];
const identity: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const numbers = (operands: string[]) => operands.map(Number);

/** Codes to text, from a font's ToUnicode CMap (bfchar and bfrange). */
export type ToUnicode = { bytes: number; map: Map<number, string> };

const hexText = (hex: string) => {
  let text = "";
  for (let i = 0; i + 4 <= hex.length; i += 4) text += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return text;
};

export function parseToUnicode(cmap: string): ToUnicode {
  const map = new Map<number, string>();
  const range = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g;
  const bytes = (/begincodespacerange\s*<([0-9a-fA-F]+)>/.exec(cmap)?.[1]?.length ?? 4) / 2;
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) map.set(parseInt(code!, 16), hexText(text!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, low, high, first] of block[1]!.matchAll(range)) {
      const base = parseInt(first!, 16);
      for (let code = parseInt(low!, 16), k = 0; code <= parseInt(high!, 16); code++, k++) map.set(code, String.fromCodePoint(base + k));
    }
  }
  return { bytes, map };
}

/** A string operand's bytes. */
function stringBytes(raw: string): number[] {
  if (raw.startsWith("<")) {
    const hex = raw.slice(1, -1).replace(/\s/g, "");
    const out: number[] = [];
    for (let i = 0; i < hex.length; i += 2) out.push(parseInt(hex.slice(i, i + 2).padEnd(2, "0"), 16));
    return out;
  }
  const out: number[] = [];
  const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, "(": 40, ")": 41, "\\": 92 };
  for (let i = 1; i < raw.length - 1; i++) {
    const c = raw[i]!;
    if (c !== "\\") out.push(c.charCodeAt(0));
    else {
      const next = raw[++i]!;
      if (next in escapes) out.push(escapes[next]!);
      else if (/[0-7]/.test(next)) {
        let octal = next;
        while (octal.length < 3 && /[0-7]/.test(raw[i + 1] ?? "")) octal += raw[++i];
        out.push(parseInt(octal, 8));
      }
    }
  }
  return out;
}

function decodeText(raw: string, font: ToUnicode | undefined): string {
  if (font && raw.startsWith("<")) {
    // The common case (Chromium writes every glyph as a hex string of two-byte codes): read the codes straight from the hex.
    const hex = raw.length === font.bytes * 2 + 2 || !/\s/.test(raw) ? raw.slice(1, -1) : raw.slice(1, -1).replace(/\s/g, "");
    const width = font.bytes * 2;
    let text = "";
    for (let i = 0; i + width <= hex.length; i += width) text += font.map.get(parseInt(hex.slice(i, i + width), 16)) ?? "";
    return text;
  }
  const bytes = stringBytes(raw);
  if (!font) return String.fromCharCode(...bytes);
  let text = "";
  for (let i = 0; i + font.bytes <= bytes.length; i += font.bytes) {
    let code = 0;
    for (let k = 0; k < font.bytes; k++) code = code * 256 + bytes[i + k]!;
    text += font.map.get(code) ?? "";
  }
  return text;
}

/** A marked-content sequence at the top of the nesting: tagged (an MCID), an artifact, or other. */
export interface MarkedRun {
  tag: string;
  mcid?: number;
  artifact: boolean;
  /** Index of the BDC/BMC operation and of its EMC. */
  open: number;
  close: number;
  /** What it says (soft hyphens given by ActualText left out). */
  text: string;
  /** Where each piece of its text starts, in default user space (y up). */
  points: [number, number][];
}

/** Paint done outside any marked content: a run of operations to wrap as an artifact. */
export interface UntaggedRun {
  /** Index of the first operation (the path's start, or the painting one) and of the last. */
  first: number;
  last: number;
  /** Text it shows (Chromium leaves some text outside its tags: a `::first-letter`'s opening bracket, generated punctuation), and where. */
  text: string;
  points: [number, number][];
}

export interface PageContent {
  source: string;
  operations: Operation[];
  runs: MarkedRun[];
  untagged: UntaggedRun[];
}

const painting = new Set(["S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI", "Tj", "TJ", "'", '"']);
const pathStart = new Set(["m", "re"]);
const textShowing = new Set(["Tj", "TJ", "'", '"']);

/** The page's fonts' ToUnicode maps, by resource name. */
export function pageFonts(page: PDFPage): Map<string, ToUnicode> {
  const fonts = new Map<string, ToUnicode>();
  const dict = page.node.Resources()?.lookupMaybe(PDFName.of("Font"), PDFDict);
  for (const [name, ref] of dict?.entries() ?? []) {
    const font = page.doc.context.lookup(ref);
    const stream = font instanceof PDFDict ? font.lookup(PDFName.of("ToUnicode")) : undefined;
    if (stream instanceof PDFRawStream) fonts.set(name.decodeText(), parseToUnicode(Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1")));
  }
  return fonts;
}

/** The page's content streams as one text (they are one stream split at token boundaries, 7.8.2). */
export function pageSource(page: PDFPage): string {
  const contents = page.node.get(PDFName.of("Contents"));
  const context: PDFContext = page.doc.context;
  const resolved = contents instanceof PDFRef ? context.lookup(contents) : contents;
  const streams = resolved instanceof PDFArray ? resolved.asArray().map((ref) => context.lookup(ref)) : [resolved];
  return streams
    .filter((stream): stream is PDFRawStream => stream instanceof PDFRawStream)
    .map((stream) => {
      // Chromium deflates every content stream: zlib inflates natively, several times faster than pdf-lib's JavaScript decoder.
      const filter = stream.dict.get(PDFName.of("Filter"));
      const flate = filter === PDFName.of("FlateDecode") && !stream.dict.has(PDFName.of("DecodeParms"));
      return Buffer.from(flate ? inflateSync(stream.getContents()) : decodePDFRawStream(stream).decode()).toString("latin1");
    })
    .join("\n");
}

export function readPageContent(source: string, fonts: Map<string, ToUnicode>): PageContent {
  const operations = parseOperations(source);
  const runs: MarkedRun[] = [];
  const untagged: UntaggedRun[] = [];
  let ctm: Matrix = identity;
  const saved: Matrix[] = [];
  let tm: Matrix = identity;
  let tlm: Matrix = identity;
  let leading = 0;
  let font: ToUnicode | undefined;
  // The marked-content stack: the top-level run it belongs to, and whether a level gives ActualText.
  const stack: { actualText: boolean }[] = [];
  // Levels of the stack that give ActualText (their text replaces what the glyphs say).
  let actualTexts = 0;
  let current: MarkedRun | undefined;
  let pendingPath = -1;
  let open: UntaggedRun | undefined;
  // A text object or marked content since the open untagged run's last paint ends that run.
  let broken = false;
  const newLine = (tx: number, ty: number) => {
    tlm = [tlm[0], tlm[1], tlm[2], tlm[3], tx * tlm[0] + ty * tlm[2] + tlm[4], tx * tlm[1] + ty * tlm[3] + tlm[5]];
    tm = tlm;
  };
  operations.forEach((operation, index) => {
    const { operator, operands } = operation;
    if (operator === "BT" || operator === "ET" || operator === "BDC" || operator === "BMC") broken = true;
    switch (operator) {
      case "q":
        saved.push(ctm);
        break;
      case "Q":
        ctm = saved.pop() ?? identity;
        break;
      case "cm":
        ctm = multiply(numbers(operands) as Matrix, ctm);
        break;
      case "BT":
        tm = tlm = identity;
        break;
      case "Tf":
        font = fonts.get(operands[0]!.slice(1));
        break;
      case "TL":
        leading = Number(operands[0]);
        break;
      case "Tm":
        tm = tlm = numbers(operands) as Matrix;
        break;
      case "Td":
        newLine(Number(operands[0]), Number(operands[1]));
        break;
      case "TD":
        leading = -Number(operands[1]);
        newLine(Number(operands[0]), Number(operands[1]));
        break;
      case "T*":
      case "'":
      case '"':
        newLine(0, -leading);
        break;
      case "BDC":
      case "BMC": {
        const tag = operands[0]!.slice(1);
        if (!stack.length) {
          const mcid = /\/MCID\s+(\d+)/.exec(operands[1] ?? "")?.[1];
          current = { tag, mcid: mcid === undefined ? undefined : Number(mcid), artifact: tag === "Artifact", open: index, close: -1, text: "", points: [] };
          runs.push(current);
        }
        const actual = /\/ActualText\s*(<[^>]*>|\((?:\\.|[^\\)])*\))/.exec(operands[1] ?? "")?.[1];
        if (actual && current && !current.artifact) current.text += decodeText(actual, { bytes: 2, map: { get: (code: number) => String.fromCharCode(code) } as Map<number, string> }).replace(/^\ufeff/, "").replace(/\u00ad/g, "");
        stack.push({ actualText: !!actual });
        if (actual) actualTexts++;
        break;
      }
      case "EMC":
        if (stack.pop()?.actualText) actualTexts--;
        if (!stack.length && current) {
          current.close = index;
          current = undefined;
        }
        break;
    }
    if (!stack.length) {
      if (pathStart.has(operator) && pendingPath < 0) pendingPath = index;
      if (painting.has(operator)) {
        const first = pendingPath >= 0 ? pendingPath : index;
        if (open && broken) open = undefined;
        if (open) open.last = index;
        else untagged.push((open = { first, last: index, text: "", points: [] }));
        broken = false;
      }
      if (operator === "n" || painting.has(operator)) pendingPath = -1;
    } else pendingPath = -1;
    const shown = textShowing.has(operator) ? (current ?? (!stack.length ? open : undefined)) : undefined;
    if (shown) {
      // The text's origin in default user space (the last row of tm × ctm).
      const x = tm[4] * ctm[0] + tm[5] * ctm[2] + ctm[4];
      const y = tm[4] * ctm[1] + tm[5] * ctm[3] + ctm[5];
      // A new line is a word break the text does not write (unless the line ends in a hyphen).
      const previous = shown.points.at(-1);
      if (previous && Math.abs(previous[1] - y) > 1 && shown.text && !/[\s\-\u00ad]/.test(shown.text.at(-1)!)) shown.text += " ";
      shown.points.push([x, y]);
      if (!actualTexts) {
        const strings = operator === "TJ" ? [...operands[0]!.matchAll(/\((?:\\.|[^\\)])*\)|<[^>]*>/g)].map((m) => m[0]) : [operands.at(-1)!];
        shown.text += strings.map((raw) => decodeText(raw, font)).join("");
      }
    }
  });
  return { source, operations, runs, untagged };
}
