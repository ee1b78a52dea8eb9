// How a review cites the book it reviews in its running text, read from the
// review's own evidence: a page number alone in brackets, `(15)`, `(261–2)`,
// or after words that name the book's author, `(Cliff’s citation 259–60.)`,
// `(Cliff, 136)`. The author is the one the review's head block gives (the
// front-lines stage's `reviewedWork`), so no review's wording is in the code.
import type { ReviewedWork } from "./text-data.js";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The surname of the reviewed book's author, as a pattern (`Cliff`), or undefined when the head block names none. */
function authorPattern(work: ReviewedWork | undefined): string | undefined {
  const surname = work?.author?.trim().split(/\s+/).at(-1);
  return surname ? `\\b${escape(surname)}\\b` : undefined;
}

/** A page reference in running text; its first group is the page or range. Global: use with `matchAll`. */
export function pageReferencePattern(work: ReviewedWork | undefined): RegExp {
  const author = authorPattern(work);
  const naming = author ? `(?:[^()]*?${author}[^()]*?\\s+)?` : "";
  return new RegExp(`(?<=\\s)\\(${naming}(\\d{1,4}(?:–\\d{1,4})?)\\.?\\)`, "gu");
}

/**
 * A note call or a page reference in brackets closing a paragraph: `[5]`,
 * `[2*]`, `(12)`, `(Cliff's citation 259-60.)` (before typography, so with
 * hyphens or dashes). It starts where a run of spaces starts (the
 * lookbehind), so a long run of spaces is scanned once, not once per space.
 */
export function closingReferencePattern(work: ReviewedWork | undefined): RegExp {
  const author = authorPattern(work);
  const naming = author ? `|\\([^()]*${author}[^()]*\\d[^()]*\\)` : "";
  return new RegExp(`(?<!\\s)\\s*(?:\\[\\d+\\*?\\]|\\(\\d+(?:[-–]\\d+)?\\)${naming})\\s*$`, "u");
}
