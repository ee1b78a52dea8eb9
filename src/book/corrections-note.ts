// Corrections are accountable: each must have matched exactly as often as its
// entry says (else an error at the entry's line), and the editorial note
// lists every one that was made.
import type { ElementContent } from "hast";
import { h } from "hastscript";
import type { VFile } from "vfile";
import type { LoadedEdition } from "../manifest/load-edition.js";
import type { Manifest } from "../manifest/manifest-schema.js";
import "../restore/text-data.js";

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

export function correctionsNote(manifest: Manifest, texts: VFile[]): ElementContent[] {
  const items = texts.flatMap((file) => {
    const entry = manifest.texts.find((text) => text.id === file.data.textId);
    return (file.data.corrections ?? [])
      .filter((applied) => applied.count > 0)
      .map(({ correction, count }) =>
        // The apparatus form (reading] source's reading) needs no quote marks
        // around readings that hold quote marks themselves.
        h("li", [
          h("cite", entry?.title ?? correction.text),
          ": ",
          h("span", { className: ["reading"] }, correction.right),
          "] ",
          h("span", { className: ["rejected-reading"] }, correction.wrong),
          `${count > 1 ? ` (${count} times)` : ""}; ${correction.reason}.`,
        ]),
      );
  });
  if (!items.length) return [];
  return [h("h2", "Corrections"), h("p", "These slips in the sources were corrected; every other word stands as the source gives it. Each entry gives this edition’s reading, a square bracket, then the source’s reading."), h("ul", { className: ["corrections"] }, items)];
}
