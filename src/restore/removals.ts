// What the clean-up stages took out of a text's body, word for word, so the
// word ledger (`edition check`) can account for every raw word: each removal
// keeps its rule, its raw lines and its text. A moved line (a credit to the
// source note) is recorded too, with `moved`, since it is still in the book.
import type { VFile } from "vfile";

export interface Removal {
  /** The rule's id (`boilerplate-link-line`, `gutenberg-licence`). */
  rule: string;
  /** Its first and last raw line. */
  line: number;
  endLine: number;
  /** What it took, as it stood. */
  text: string;
  /** Moved to the source note, not removed. */
  moved?: boolean;
}

declare module "vfile" {
  interface DataMap {
    /** Every line or part of a line a clean-up rule took out of the body (source-furniture, boilerplate). */
    removals: Removal[];
  }
}

export function recordRemoval(file: VFile, removal: Removal): void {
  (file.data.removals ??= []).push(removal);
}

/** Words as the ledger counts them: runs of letters and digits, lower-cased (`Trotsky’s` is `trotsky`, `s`). */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
