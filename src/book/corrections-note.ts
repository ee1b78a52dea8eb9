// Corrections are accountable: each must have matched exactly as often as its
// entry says (else an error at the entry's line), and the editorial note
// lists every one that was made.
import type { ElementContent } from "hast";
import { h } from "hastscript";
import type { LoadedEdition } from "../manifest/load-edition.js";
import type { InterfaceWords } from "./words.js";
import { pageRefClasses } from "./schema.js";

/** The corrections made in one text, as the corrections stage counted them. */
export interface TextCorrections {
  /** The text's title, as the note cites it. */
  title: string;
  corrections: { correction: { wrong: string; right: string; reason: string }; count: number }[];
  /** The anchors in the text at each correction, in the order of `corrections` (none where the book does not print the place). */
  anchors?: string[][];
}

export function checkCorrectionCounts(edition: Pick<LoadedEdition, "corrections" | "correctionsFile" | "texts">): void {
  if (!edition.correctionsFile) return;
  for (const correction of edition.corrections) {
    const file = edition.texts.find((text) => text.data.textId === correction.text);
    const applied = file?.data.corrections?.find((entry) => entry.correction === correction);
    const count = applied?.count ?? 0;
    if (count === correction.count) continue;
    const message = edition.correctionsFile.message(
      `correction \`${correction.wrong}\` → \`${correction.right}\` matches ${count} time${count === 1 ? "" : "s"} in text \`${correction.text}\`; the entry says ${correction.count}`,
      { place: correction.place, ruleId: count === 0 ? "correction-unmatched" : "correction-count", source: "corrections" },
    );
    message.fatal = true;
  }
}

/** `, p. 12` (or `, pp. 12, 40`) after a correction: where it was made, as the index and the chronology give pages. */
function pagesOf(anchors: string[], pagePhrase: string): ElementContent[] {
  if (!anchors.length) return [];
  const refs = anchors.flatMap((id, index) => [...(index ? [", "] : []), h("a", { className: [pageRefClasses.ref], href: `#${id}` })]);
  return [h("span", { className: [pageRefClasses.phrase] }, [pagePhrase, h("span", { className: [pageRefClasses.list], dataLead: "" }, refs)])];
}

/** The editorial note's list of corrections: every correction made, by text. */
export function correctionsNote(texts: TextCorrections[], words: Pick<InterfaceWords, "corrections" | "correctionsIntro" | "times" | "pagePhrase">): ElementContent[] {
  const items = texts.flatMap(({ title, corrections, anchors = [] }) =>
    corrections
      .map((applied, index) => ({ ...applied, anchors: anchors[index] ?? [] }))
      .filter((applied) => applied.count > 0)
      .map(({ correction, count, anchors: places }) =>
        // The apparatus form (reading] source's reading) needs no quote marks
        // around readings that hold quote marks themselves.
        h("li", [
          h("cite", title),
          ...pagesOf(places, words.pagePhrase),
          ": ",
          h("span", { className: ["reading"] }, correction.right),
          "] ",
          h("span", { className: ["rejected-reading"] }, correction.wrong),
          `${count > 1 ? words.times(count) : ""}; ${correction.reason}.`,
        ]),
      ),
  );
  if (!items.length) return [];
  return [h("h2", words.corrections), h("p", words.correctionsIntro), h("ul", { className: ["corrections"] }, items)];
}
