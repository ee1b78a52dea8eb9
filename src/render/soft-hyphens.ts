// Soft hyphens as the `hyphen` package inserts them, word by word from a
// table: its reader walks a text a character at a time through closures (a
// twentieth of a cold build's CPU time went there). Where a text holds no `<`
// (which its HTML mode reads as a tag) and no soft hyphen (which marks a word
// already broken), its result is each word (a run of what it counts as
// letters) of `minWordLength` or more hyphenated alone and the rest left as it
// is, so that is done here with one regular expression and each word's result
// kept; any other text goes to the package whole.
import hyphen from "hyphen/en/index.js";

/**
 * A run of `min` or more of what `hyphen` counts as letters: not white space, not ASCII punctuation or digits (the
 * apostrophe is a letter), not U+2013–U+203C. The leftmost match of a greedy run is a whole run, and a shorter run never matches.
 */
const longWords = new Map<number, RegExp>();
const longWord = (min: number) => {
  let pattern = longWords.get(min);
  if (!pattern) longWords.set(min, (pattern = new RegExp(`(?:[^\\s!-@[-\`{-~\\u2013-\\u203C]|'){${Math.max(1, min)},}`, "g")));
  return pattern;
};

const words = new Map<string, string>();

export function hyphenate(text: string, minWordLength: number): string {
  if (text.includes("<") || text.includes("\u00AD")) return hyphen.hyphenateSync(text, { minWordLength });
  return text.replace(longWord(minWordLength), (run) => {
    const key = `${minWordLength} ${run}`;
    let broken = words.get(key);
    if (broken === undefined) words.set(key, (broken = hyphen.hyphenateSync(run, { minWordLength })));
    return broken;
  });
}
