// Editorial corrections from sources/corrections.yaml, applied to the text
// they name before any other restoration, so `wrong` is matched exactly as
// it stands in the raw text. Each correction made is an info message at its
// place; the counts are kept for the check against the expected count.
import type { Root, Text } from "mdast";
import type { Plugin } from "unified";
import { visit } from "unist-util-visit";
import type { LoadedCorrection } from "../manifest/load-edition.js";
import { placeOfIndex } from "./raw-place.js";
import type { AppliedCorrection } from "./text-data.js";

export interface CorrectionsOptions {
  corrections: LoadedCorrection[];
}

export const restoreCorrections: Plugin<[CorrectionsOptions], Root> = ({ corrections }) => (tree, file) => {
  const mine = corrections.filter((correction) => correction.text === file.data.textId);
  const texts: Text[] = [];
  visit(tree, "text", (node) => {
    texts.push(node);
  });

  // Find every match in the untouched text first, so places are exact.
  const applied: AppliedCorrection[] = mine.map((correction) => {
    let count = 0;
    for (const node of texts) {
      for (let index = node.value.indexOf(correction.wrong); index !== -1; index = node.value.indexOf(correction.wrong, index + correction.wrong.length)) {
        count++;
        file.info(`corrected \`${correction.wrong}\` to \`${correction.right}\`: ${correction.reason}`, {
          place: placeOfIndex(node, node.value, index),
          ruleId: "correction",
          source: "corrections",
        });
      }
    }
    return { correction, count };
  });

  for (const { correction } of applied) {
    for (const node of texts) node.value = node.value.split(correction.wrong).join(correction.right);
  }
  file.data.corrections = applied;
};
