// The house style, as pure functions over strings (see "House style" in the
// README). The typography plugin applies them to every text node.

export const NBSP = "\u00A0";

/**
 * Line breaks inside a paragraph, stray no-break spaces and doubled spaces
 * become one space. The lookbehind makes the first pattern linear: without
 * it, every space of a long run would start a scan to the run's end.
 */
export function normaliseSpaces(text: string): string {
  return text.replace(/(?<![ \t\u00A0])[ \t\u00A0]*\n[ \t\u00A0]*/g, " ").replace(/\u00A0/g, " ").replace(/ {2,}/g, " ");
}

/** `self- fulfilling` → `self-fulfilling`; a suspended hyphen (`pre- and post-war`) stays. */
export function joinBrokenWords(text: string): string {
  return text.replace(/([a-z])- (?!(?:and|or|nor|to|as)\b)([a-z]{2,})/g, "$1-$2");
}

/** One dash style: a spaced en dash, from ` - `, `--`, ` – ` and `—`. */
export function normaliseDashes(text: string): string {
  return text
    .replace(/(?<!\s)\s*--\s*/g, " – ")
    .replace(/(?<!\s)\s*—\s*/g, " – ")
    .replace(/ - /g, " – ")
    .replace(/ -$/g, " –")
    .replace(/^- /g, "– ");
}

/** En dashes in number ranges: `1927-40`, `261-2`, `1917-1923`. */
export function rangeDashes(text: string): string {
  return text.replace(/(?<![\d\-–.,/:])(\d{1,4})-(\d{1,4})(?![\d\-–/]|[.,]\d)/g, "$1–$2");
}

/** One ellipsis form, `…`, from `...`, `. . .` and `…`; four dots keep their full stop. */
export function ellipses(text: string): string {
  return text
    .replace(/\.\s\.\s\.\s\./g, ".…")
    .replace(/\.\s\.\s\./g, "…")
    .replace(/\.{4}/g, ".…")
    .replace(/\.{3}/g, "…");
}

/** `` `x' `` quotes: the backtick opens a single quote. */
export function backtickQuotes(text: string): string {
  return text.replace(/``/g, "“").replace(/`/g, "‘");
}

/** Quote state carried across the text nodes of one block. */
export interface QuoteState {
  /** The character before the node being read. */
  previous: string;
  openDouble: number;
  openSingle: number;
  /** Closing quotes found with nothing open. */
  strayClosing: number;
}

export function newQuoteState(): QuoteState {
  return { previous: "", openDouble: 0, openSingle: 0, strayClosing: 0 };
}

const opensAfter = /[\s([{“‘—–\-/]/;
const letterOrDigit = /[\p{L}\p{N}]/u;

/** Curly quotes and apostrophes from straight ones, nesting by position. */
export function curlQuotes(text: string, state: QuoteState): string {
  let out = "";
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    const previous = index === 0 ? state.previous : text[index - 1]!;
    const next = text[index + 1] ?? "";
    if (char === '"') {
      let opening = previous === "" || opensAfter.test(previous);
      if (opening && (next === "" || /\s/.test(next))) opening = state.openDouble === 0; // a quote standing alone
      if (opening) state.openDouble++;
      else if (state.openDouble > 0) state.openDouble--;
      else state.strayClosing++;
      out += opening ? "“" : "”";
    } else if (char === "'" || char === "’" || char === "‘") {
      const opening = (previous === "" || opensAfter.test(previous)) && next !== "" && !/\s/.test(next);
      const elision = /^'(\d\d|em\b|tis\b|twas\b)/i.test(text.slice(index));
      if (char === "‘" || (char === "'" && opening && !elision)) {
        state.openSingle++;
        out += "‘";
      } else {
        // A closing quote and an apostrophe are the same character.
        if (!(letterOrDigit.test(previous) && letterOrDigit.test(next)) && state.openSingle > 0) state.openSingle--;
        out += "’";
      }
    } else {
      if (char === "“") state.openDouble++;
      if (char === "”") state.openDouble > 0 ? state.openDouble-- : state.strayClosing++;
      out += char;
    }
  }
  state.previous = out.at(-1) ?? state.previous;
  return out;
}

/** No-break spaces where a break would part what belongs together. */
export function noBreakSpaces(text: string): string {
  return text
    .replace(/\b(pp?)\. (?=\d)/g, `$1.${NBSP}`)
    .replace(/(?<=^|[\s(])([A-Z])\. (?=[A-Z])/g, `$1.${NBSP}`)
    .replace(/ (?=\[\d+\*?\])/g, NBSP);
}

/**
 * The whole house style over one string. Pass the quote state of its block
 * when the string is one of several text nodes; alone, its quotes stand alone.
 */
export function typesetLine(text: string, state: QuoteState = newQuoteState()): string {
  let value = joinBrokenWords(normaliseSpaces(text));
  value = ellipses(rangeDashes(normaliseDashes(value)));
  return noBreakSpaces(curlQuotes(backtickQuotes(value), state));
}
