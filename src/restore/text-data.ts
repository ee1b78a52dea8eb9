// What the restoration plugins learn about a text, kept on its vfile so the
// later stages, the book assembler and the reports can use it. Each field
// says which stage writes it; a stage's settings come as its options, never
// from here. The one hand-over between restore stages is `reviewedWork`:
// front-lines finds it in the review's head, block-quotes and citations read
// it (the reviewed book's author is how a review cites its pages).
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
  /** Where each correction was made, in the raw text (for the editorial note's page references). */
  places?: Point[];
}

import type { Point } from "unist";

declare module "vfile" {
  interface DataMap {
    /** The text's id in edition.yaml (set by the manifest loader: the file's identity). */
    textId: string;
    /** The text's entry in edition.yaml (set by the pipeline; restore plugins take the entries as options instead, and only notes and dates fall back to its id). */
    entry: TextEntry;
    /** The known sites whose boilerplate rules recognised the text (boilerplate). */
    sites: string[];
    /** Publication and credit lines moved out of the body, with their raw line numbers (boilerplate, front-lines; read by the book's source note). */
    sourceNote: SourceNoteLine[];
    /** The book a review is about (front-lines; read by block-quotes and citations). */
    reviewedWork: ReviewedWork;
    /** The chapter number a book chapter carried (`16`) (front-lines). */
    chapterNumber: string;
    corrections: AppliedCorrection[];
    /** The ids of the anchors at each correction made, in the order of `corrections` (correction-anchors). */
    correctionAnchors: string[][];
    /** The structure file's hints that matched in this text. */
    structureHintsUsed: LoadedStructureHint[];
  }
}

export {};
