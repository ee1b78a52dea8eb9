// The book's interface words (headings of the back matter, navigation,
// labels) by the manifest's `language`. English is the first and the
// fallback: a language without a table, or a word a table lacks, reads in
// English. To add a language, add a table keyed by its primary subtag.

export interface InterfaceWords {
  contents: string;
  landmarks: string;
  cover: string;
  startOfTexts: string;
  printPages: string;
  chronology: string;
  worksCited: string;
  /** Before the back-references of a works-cited entry: `Cited: Cliff 1, 2`. */
  cited: string;
  editorialNote: string;
  index: string;
  notes: string;
  /** A note call's accessible name, its backlink's, and the title of a note whose call is lost. */
  noteCall: (label: string) => string;
  noteBacklink: (label: string) => string;
  noteCallLost: string;
  sources: string;
  chapter: (number: string) => string;
  editedBy: (editor: string) => string;
  /** The copyright page's imprint line: who published the edition (when the manifest says) and its year. */
  imprint: (publisher: string | undefined, year: string) => string;
  /** The heading and the introduction of the corrections in the editorial note. */
  corrections: string;
  correctionsIntro: string;
  /** `(3 times)` after a correction made more than once. */
  times: (count: number) => string;
  /** Cross-references of the index. */
  see: string;
  seeAlso: string;
  /** The words before a page reference: `, p. 7`. */
  pagePhrase: string;
  /** The chronology's conventions, around the edition's own calendar note. */
  chronologyIntro: string;
  chronologyDates: string;
  chronologyInferredYear: string;
}

const english: InterfaceWords = {
  contents: "Contents",
  landmarks: "Landmarks",
  cover: "Cover",
  startOfTexts: "Start of the texts",
  printPages: "Pages of the print edition",
  chronology: "Chronology",
  worksCited: "Works cited",
  cited: "Cited",
  editorialNote: "Editorial note",
  index: "Index of names",
  notes: "Notes",
  noteCall: (label) => `Note ${label}`,
  noteBacklink: (label) => `Back to the call of note ${label}`,
  noteCallLost: "The call of this note is lost in the source",
  sources: "Sources",
  chapter: (number) => `Chapter ${number}`,
  editedBy: (editor) => `Edited by ${editor}`,
  imprint: (publisher, year) => (publisher ? `Published by ${publisher}, ${year}.` : `This edition ${year}.`),
  corrections: "Corrections",
  correctionsIntro:
    "These slips in the sources were corrected; every other word stands as the source gives it. Each entry gives the text and, in print, the page, then this edition’s reading, a square bracket, and the source’s reading.",
  times: (count) => ` (${count} times)`,
  see: "see",
  seeAlso: "see also",
  pagePhrase: ", p.\u00a0",
  chronologyIntro: "Every dated event in the running text of the edition and in the sources it quotes, in order of date; an event told by more than one text is one entry that refers to each passage. ",
  chronologyDates: "Dates are given as the texts give them. ",
  chronologyInferredYear: "A year in square brackets is not stated beside the date: it is taken from the same sentence, the section’s heading or, checked by the editor, the dates before it.",
};

const tables: Record<string, Partial<InterfaceWords>> = { en: english };

/** A set of words for a BCP 47 language tag (`en`, `en-GB`): its primary language's table over English (the book's, the site's). */
export function wordsForLanguage<Words>(english: Words, tables: Record<string, Partial<Words>>, language: string): Words {
  const primary = language.toLowerCase().split("-")[0]!;
  return { ...english, ...(tables[primary] ?? {}) };
}

/** The book's words for a BCP 47 language tag. */
export function interfaceWords(language: string): InterfaceWords {
  return wordsForLanguage(english, tables, language);
}
