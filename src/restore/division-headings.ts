// The headings of a book's divisions, read from their labels: `CHAPTER I:
// DISCUSSION AND BED`, `Chapter 12. The Title`, `PART TWO`, and a label
// standing alone (`Chapter IV`, `CHAPTER IV.`) followed by its title on the
// next line (in the same block or the next one), which together make one
// heading. The label words and the number words are the language's (English
// by default, as options); the number may be in arabic or roman numerals or
// in words. Pure functions over lines; restoreHeadings makes the headings.
import { isDialogue } from "./dialogue.js";

/** The label words of each level of division, highest first; the number words. */
export interface DivisionWords {
  /** Levels from the highest: each a list of label words (`Book`, `Part`), matched in title case or capitals. */
  levels: { kind: DivisionKind; words: string[] }[];
  /** Cardinal number words from one (index 0 is one): `One`, `Two`… */
  cardinals: string[];
  /** Ordinal number words from first: `First`, `Second`… (`Chapter the First`). */
  ordinals: string[];
  /** Words between the label and an ordinal (`the`). */
  articles: string[];
}

export type DivisionKind = "volume" | "book" | "part" | "chapter";

export const englishDivisionWords: DivisionWords = {
  levels: [
    { kind: "volume", words: ["Volume"] },
    { kind: "book", words: ["Book"] },
    { kind: "part", words: ["Part"] },
    { kind: "chapter", words: ["Chapter"] },
  ],
  cardinals: ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen", "Twenty"],
  ordinals: ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth", "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth", "Twentieth"],
  articles: ["the"],
};

export interface DivisionLabel {
  kind: DivisionKind;
  /** The number as the text writes it: `XVIII`, `12`, `Two`. */
  number: string;
  /** Its value, when it can be read (roman, arabic or a number word). */
  value?: number;
  /** The length of the label in the line (`CHAPTER XVIII`), without the punctuation after it. */
  labelLength: number;
  /** Where the title starts in the line, when the line carries one (`CHAPTER I: TITLE`). */
  titleStart?: number;
}

/** A division heading may be longer than a section heading: an ebook's run to 80 characters and more. */
export const maxDivisionLineLength = 150;
const maxTitleWords = 20;

const romanValues: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

/** The value of a well-formed roman numeral (either case), else undefined. */
export function romanValue(numeral: string): number | undefined {
  const upper = numeral.toUpperCase();
  if (!/^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/.test(upper) || !upper) return undefined;
  let total = 0;
  for (let index = 0; index < upper.length; index++) {
    const value = romanValues[upper[index]!]!;
    const next = romanValues[upper[index + 1] ?? ""] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A word in title case or in capitals: `Chapter`, `CHAPTER`. */
const wordForms = (word: string) => [word, word.toUpperCase()].map(escape);
/** `Twenty-One`, `TWENTY ONE` from the number words. */
function numberWordValue(text: string, words: DivisionWords): number | undefined {
  const lower = (list: string[]) => list.map((word) => word.toLowerCase());
  const [cardinals, ordinals] = [lower(words.cardinals), lower(words.ordinals)];
  const parts = text.toLowerCase().split(/[\s-]+/);
  const one = (word: string) => {
    const cardinal = cardinals.indexOf(word);
    if (cardinal >= 0) return cardinal + 1;
    const ordinal = ordinals.indexOf(word);
    return ordinal >= 0 ? ordinal + 1 : undefined;
  };
  if (parts.length === 1) return one(parts[0]!);
  // `Twenty-One`: a multiple of ten, then a unit.
  if (parts.length === 2) {
    const tens = one(parts[0]!);
    const unit = one(parts[1]!);
    if (tens !== undefined && unit !== undefined && tens % 10 === 0 && unit < 10) return tens + unit;
  }
  return undefined;
}

const compiledPatterns = new WeakMap<DivisionWords, RegExp[]>();

function patternsOf(words: DivisionWords): RegExp[] {
  let found = compiledPatterns.get(words);
  if (!found) {
    const numberWords = [...words.cardinals, ...words.ordinals].flatMap(wordForms).join("|");
    const articles = words.articles.flatMap((article) => [article, article[0]!.toUpperCase() + article.slice(1), article.toUpperCase()]).map(escape).join("|");
    const number = `(\\d{1,4}|[IVXLCDM]{1,8}|[ivxlcdm]{1,8}|(?:(?:${articles})\\s+)?(?:${numberWords})(?:[\\s-](?:${numberWords}))?)`;
    found = words.levels.map(({ words: labels }) => {
      const label = labels.flatMap(wordForms).join("|");
      // The label and number, then the end of the line, or punctuation and a title.
      return new RegExp(`^((?:${label})\\s+${number})(?:\\s*[.:]?\\s*$|\\s*(?:[.:]|[-–—]{1,2}|\\s[-–—]{1,2}\\s)\\s*(\\S.*)$)`, "u");
    });
    compiledPatterns.set(words, found);
  }
  return found;
}

/** The division label a line opens with, if the line is a label (and perhaps its title) and nothing else. */
export function divisionLabel(line: string, words: DivisionWords = englishDivisionWords): DivisionLabel | undefined {
  const text = line.trim();
  if (!text || text.includes("\n") || text.length > maxDivisionLineLength) return undefined;
  const patterns = patternsOf(words);
  for (const [index, pattern] of patterns.entries()) {
    const match = pattern.exec(text);
    if (!match) continue;
    const number = match[2]!;
    const article = new RegExp(`^(?:${words.articles.map(escape).join("|")})\\s+`, "i");
    const value = /^\d+$/.test(number) ? Number(number) : (romanValue(number) ?? numberWordValue(number.replace(article, ""), words));
    // `Chapter Lxv` or a word that only looks like a numeral: not a label.
    if (value === undefined) continue;
    const title = match[3];
    if (title !== undefined && !isTitleLine(title)) continue;
    const label: DivisionLabel = { kind: words.levels[index]!.kind, number, value, labelLength: match[1]!.length };
    if (title !== undefined) label.titleStart = text.length - title.length;
    return label;
  }
  return undefined;
}

/**
 * A line that can be a division's title: short, one line, not dialogue, not
 * ending like a clause (`,`, `;`, `:`). A full stop is allowed at the end of
 * a title in capitals or in title case (`THE RIVER.`, `A Visit to Town.`).
 */
export function isTitleLine(line: string): boolean {
  const text = line.trim();
  if (!text || text.includes("\n") || text.length > maxDivisionLineLength - 10) return false;
  const wordCount = text.split(/\s+/).length;
  if (wordCount > maxTitleWords || isDialogue(text)) return false;
  if (!/^[\p{Lu}\p{N}_]/u.test(text) || /[,;:]$/.test(text)) return false;
  // A full stop ends a title in capitals or in title case (`THE RIVER.`, `A Visit to Town.`), not a sentence (`So ends it.`).
  if (/[.!]$/.test(text)) return !/\p{Ll}/u.test(text) || text.split(/\s+/).every((word) => word.length <= 3 || /^[\p{Lu}\p{N}_"'“‘]/u.test(word));
  return true;
}
