// What the restoration plugins learn about a text, kept on its vfile so the
// book assembler and the reports can use it.
import type { TextEntry } from "../manifest/manifest-schema.js";
import type { LoadedCorrection, LoadedStructureHint } from "../manifest/load-edition.js";

import type { ReviewedWork } from "../citations/works.js";

export type { ReviewedWork };

export interface SourceNoteLine {
  text: string;
  line: number;
}

export interface AppliedCorrection {
  correction: LoadedCorrection;
  /** How many times the wrong string stood in the text. */
  count: number;
}

declare module "vfile" {
  interface DataMap {
    /** The text's id in edition.yaml. */
    textId: string;
    /** The text's entry in edition.yaml. */
    entry: TextEntry;
    /** The known sites whose boilerplate rules recognised the text. */
    sites: string[];
    /** Publication and credit lines moved out of the body, with their raw line numbers. */
    sourceNote: SourceNoteLine[];
    reviewedWork: ReviewedWork;
    /** The chapter number a book chapter carried (`16`). */
    chapterNumber: string;
    corrections: AppliedCorrection[];
    /** The structure file's hints that matched in this text. */
    structureHintsUsed: LoadedStructureHint[];
  }
}

export {};
