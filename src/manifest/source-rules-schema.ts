// Schema of the rules for a kind of source (rules/<kind>.yaml): what is true of
// every plain-text ebook of one digital library, or every wiki text dump, kept as
// data. A kind's rules apply to a text only when the text's own lines show
// the kind's evidence; each rule has a budget (a share of the text's words,
// and optionally a number of words) beyond which it is not applied.
// Patterns are regular expressions over one trimmed line, checked by
// bounded-pattern.ts like every other editor-supplied pattern.
import { z } from "zod";
import { pattern, patternWithGroup } from "./editorial-data-schema.js";

const nonEmpty = z.string().min(1);

/** A rule's id: lower case, digits and hyphens; messages carry it as their rule id. */
const ruleId = z.string().regex(/^[a-z][a-z0-9-]*$/, "must be lower-case letters, digits and hyphens");


/** What every rule has: its id, the words messages use for what it removes, and its budget. */
const ruleBase = {
  id: ruleId,
  /** What the rule removes, as messages say it: `the licence`. */
  what: nonEmpty,
  /** The most the rule may remove, as a share of the text's words (all its matches together); beyond it the rule is not applied and a warning says so. */
  maxShare: z.number().gt(0).max(1).default(0.05),
  /** The most words the rule may remove in one text, when set; beyond it the rule is not applied and a warning says so. */
  maxWords: z.number().int().min(1).optional(),
};

export const sourceRulesSchema = z.strictObject({
  /** The kind of source, as messages name it: `plain-text ebook`. */
  name: nonEmpty,
  /** The text's own evidence that it is of this kind. Without it no rule of the file applies. */
  evidence: z
    .strictObject({
      /** Each of these must match a line of the text. */
      all: z.array(pattern).default([]),
      /** At least `atLeast` lines must match one of these. */
      any: z.array(pattern).default([]),
      atLeast: z.number().int().min(1).default(1),
    })
    .refine((evidence) => evidence.all.length > 0 || evidence.any.length > 0, "names no pattern: a kind's rules need positive evidence in the text"),
  /** Stretches of the text between two marker lines, both removed with them: `from` absent is the text's start, `to` absent its end. */
  regions: z
    .array(
      z
        .strictObject({ ...ruleBase, from: pattern.optional(), to: pattern.optional() })
        .refine((region) => region.from !== undefined || region.to !== undefined, "needs `from` or `to`: a region is bounded by a marker in the text"),
    )
    .default([]),
  /** Whole lines that are furniture wherever they stand. */
  lines: z.array(z.strictObject({ ...ruleBase, pattern })).default([]),
  /** Furniture inside a line that is kept (residue glued to a sentence): the matches are cut out of it. */
  cuts: z.array(z.strictObject({ ...ruleBase, pattern })).default([]),
  /**
   * Blocks (runs of lines between blank lines) that are furniture as a whole:
   * a block whose first line matches `first`, and, when `through` is given,
   * the blocks after it up to the one whose last line matches `through`
   * (at most `maxBlocks` in all; when none does within them, nothing is removed).
   */
  blocks: z
    .array(
      z.strictObject({
        ...ruleBase,
        first: pattern,
        through: pattern.optional(),
        maxBlocks: z.number().int().min(1).default(1),
        /** The most lines the blocks may hold together, when set: a credit is a line or two, not a paragraph of the book. */
        maxLines: z.number().int().min(1).optional(),
        /** `remove`, or `credit`: the block is a credit line and moves to the text's source note. */
        action: z.enum(["remove", "credit"]).default("remove"),
      }),
    )
    .default([]),
  /** A heading (a block of one line matching `heading`) and the list after it: the blocks whose every line matches `items` (at least one). */
  sections: z.array(z.strictObject({ ...ruleBase, heading: pattern, items: pattern })).default([]),
  /** A heading (a block of one line matching `heading`) with nothing under it: the next block kept is none, or another heading matching `nextHeading`. */
  emptyHeadings: z.array(z.strictObject({ ...ruleBase, heading: pattern, nextHeading: pattern })).default([]),
  /** Lines that give the text's metadata (`Title: …`): the pattern's first group is the value, kept on the text's data. */
  metadata: z.partialRecord(z.enum(["title", "author", "language", "date"]), patternWithGroup).default({}),
});

export type SourceRulesData = z.output<typeof sourceRulesSchema>;
