// How the back matter names a text in a reference (the chronology's
// `Sherry, p. 7`, the index's `Sherry 1, 2`): the manifest's `shortTitle`
// when the editors gave one; else the author's surname when it is a personal
// name (more than one word) that no other text of the edition shares; else
// the title.
import type { TextEntry } from "../manifest/manifest-schema.js";

const surname = (text: TextEntry) => text.author?.trim().split(/\s+/).at(-1);

/** The short label of every text of the edition, by text id. */
export function shortTitles(texts: TextEntry[]): Map<string, string> {
  const counts = new Map<string | undefined, number>();
  for (const text of texts) counts.set(surname(text), (counts.get(surname(text)) ?? 0) + 1);
  const personal = (text: TextEntry) => text.author !== undefined && /\s/.test(text.author.trim()) && counts.get(surname(text)) === 1;
  return new Map(
    texts.map((text) => [
      text.id,
      text.shortTitle ?? (personal(text) ? surname(text)! : text.title),
    ]),
  );
}
