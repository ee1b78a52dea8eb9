// English common words, from the Hunspell dictionaries the spelling check uses
// (dictionary-en and dictionary-en-gb, so `programme` is as common as
// `program`): a capitalised word whose lower-case form is one of them
// (`Platypus`, `Literature`, `Block`) is a person's name only with strong
// evidence. Only the dictionary's lower-case stems are kept; a plural is
// looked up by its stem, and so are `-ing`, `-ed`, `-er`, `-est` and `-ly` forms. Read once, when a text first needs it.
import american from "dictionary-en";
import british from "dictionary-en-gb";

let words: Set<string> | undefined;

function load(): Set<string> {
  const set = new Set<string>();
  for (const dictionary of [american, british]) addWords(set, new TextDecoder().decode(dictionary.dic));
  return set;
}

function addWords(set: Set<string>, text: string): void {
  let start = text.indexOf("\n") + 1;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const code = text.charCodeAt(start);
    // Lower-case a–z only: capitalised entries are the dictionary's proper names.
    if (code >= 97 && code <= 122) {
      const slash = text.indexOf("/", start);
      set.add(text.slice(start, slash >= 0 && slash < end ? slash : end));
    }
    start = end + 1;
  }
}

/** `word` (any case) is a common English word or the plural of one. */
export function isCommonWord(word: string): boolean {
  words ??= load();
  // The dictionary writes contractions with a straight apostrophe (`don't`).
  const lower = word.toLowerCase().replace(/’/g, "'");
  if (words.has(lower)) return true;
  if (lower.endsWith("es") && words.has(lower.slice(0, -2))) return true;
  if (lower.endsWith("s") && words.has(lower.slice(0, -1))) return true;
  // The dictionary keeps stems only: `exiling`, `exiled`, `later`, `unfortunately`.
  const stem = /(?:ing|ed|er|est|ly)$/.exec(lower) ? lower.replace(/(?:ing|ed|er|est|ly)$/, "") : undefined;
  return stem !== undefined && stem.length > 2 && (words.has(stem) || words.has(`${stem}e`) || (/(.)\1$/.test(stem) && words.has(stem.slice(0, -1))));
}
