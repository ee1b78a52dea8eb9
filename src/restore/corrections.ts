// Editorial corrections from sources/corrections.yaml, as string edits on the
// raw document before it is parsed (raw-text-parser.ts keeps the offset map),
// so `wrong` is matched exactly as it stands in the raw text, and each
// correction is counted on the same string it is applied to. All entries are
// matched on the raw text at once: one entry's `right` is never read by
// another (no chains). Where two entries' matches overlap, the one listed
// first is made and the other is not, with a warning at the place; its count
// then differs and the count check fails at its entry's line.
import type { Point } from "unist";
import type { VFile } from "vfile";
import type { LoadedCorrection } from "../manifest/load-edition.js";
import type { Edit } from "../ingest/offset-map.js";
import { rawPointOfRawOffset } from "../ingest/raw-position.js";
import type { AppliedCorrection } from "./text-data.js";

const source = "corrections";

/** The edits that make a text's corrections, for the raw-text parser; what was made goes on the file. */
export function correctionEdits(corrections: LoadedCorrection[]): (raw: string, file: VFile) => Edit[] {
  return (raw, file) => {
    const mine = corrections.filter((correction) => correction.text === file.data.textId);
    const edits: (Edit & { correction: LoadedCorrection })[] = [];
    const applied: AppliedCorrection[] = mine.map((correction) => {
      let count = 0;
      const places: Point[] = [];
      if (!correction.wrong) return { correction, count, places };
      for (let index = raw.indexOf(correction.wrong); index !== -1; index = raw.indexOf(correction.wrong, index + correction.wrong.length)) {
        const end = index + correction.wrong.length;
        const place = rawPointOfRawOffset(file, index);
        const other = edits.find((edit) => edit.start < end && index < edit.end);
        if (other) {
          file.message(`\`${correction.wrong}\` here overlaps the correction of \`${other.correction.wrong}\`, listed first; not corrected`, {
            place,
            ruleId: "correction-overlap",
            source,
          });
          continue;
        }
        count++;
        places.push(place);
        edits.push({ start: index, end, text: correction.right, correction });
        file.info(`corrected \`${correction.wrong}\` to \`${correction.right}\`: ${correction.reason}`, { place, ruleId: "correction", source });
      }
      return { correction, count, places };
    });
    file.data.corrections = applied;
    return edits.map(({ start, end, text }) => ({ start, end, text }));
  };
}
