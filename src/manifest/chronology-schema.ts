// The editors' chronology file (sources/chronology.yaml beside edition.yaml,
// `<manifest>.chronology.yaml` beside another manifest): each entry finds one
// dated passage by its text and words quoted from its sentence, and confirms
// a held year, corrects the date, drops the passage, merges it with another,
// or re-words its statement. An entry that finds nothing fails at its line.
import { z } from "zod";
import { edtfBounds } from "../enrich/dates/date-forms.js";

const nonEmpty = z.string().min(1);

/** A passage: the text's id and words of its sentence (quotes and dashes compared loosely), and the date as written when the sentence has several. */
const passage = {
  /** The text's id in the manifest. */
  text: nonEmpty,
  /** Words quoted from the sentence that tells the event. */
  words: nonEmpty,
  /** The date as the sentence writes it (`18 October`), when it has more than one. */
  date: nonEmpty.optional(),
};

const edtfValue = nonEmpty.refine((value) => edtfBounds(value) !== undefined, "is not an EDTF date (`1905-10-18`, `1917-10`, `1923`)");

const actions = ["confirm", "correct", "drop", "merge", "reword"] as const;

export const chronologyEditsSchema = z.array(
  z
    .strictObject({
      ...passage,
      /** The year the program took from further back is right: the entry is printed (the year in brackets). */
      confirm: z.literal(true).optional(),
      /** The right date, as EDTF: `1905-10-18`. */
      correct: edtfValue.optional(),
      /** Not an event: left out of the chronology. */
      drop: z.literal(true).optional(),
      /** The same event as this other passage: one entry. */
      merge: z.strictObject(passage).optional(),
      /** The entry's statement, in the editor's words. */
      reword: nonEmpty.optional(),
      reason: nonEmpty,
    })
    .refine((entry) => actions.filter((action) => entry[action] !== undefined).length === 1, {
      message: `needs exactly one of ${actions.map((action) => `\`${action}\``).join(", ")}`,
    }),
);

export type ChronologyEdit = z.output<typeof chronologyEditsSchema>[number];
export type ChronologyPassage = Pick<ChronologyEdit, "text" | "words" | "date">;
