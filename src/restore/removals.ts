// What the clean-up stages took out of a text's body, word for word, so the
// word ledger (`edition check`) can account for every raw word: each removal
// keeps its rule, its raw lines and its text. What moved (a credit to the
// source note, a list's numbers into its numbering) is recorded too, with
// where it went (`moved`): it is still in the book, in another form.
import type { VFile } from "vfile";

export interface Removal {
  /** The rule's id (`boilerplate-link-line`, `gutenberg-licence`). */
  rule: string;
  /** Its first and last raw line. */
  line: number;
  endLine: number;
  /** What it took, as it stood. */
  text: string;
  /** Not removed but moved: where to (`to the source note`). */
  moved?: string;
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
export const toSourceNote = "to the source note";

export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}
