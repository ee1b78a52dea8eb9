// Schema of the name authority file (sources/names.yaml): who the persons of
// the edition are, the forms the texts call them by, and what is not a person.
import { z } from "zod";
import { pattern } from "./editorial-data-schema.js";

const nonEmpty = z.string().trim().min(1);


/** `Surname, Forenames` (or a single name such as `Franco`). */
const heading = nonEmpty.regex(/^[^,]+(, [^,]+)?$/, "must be `Surname, Forenames` or one name");

export const namesSchema = z.strictObject({
  persons: z.array(
    z.strictObject({
      /** The index heading and the person's key: `Zinoviev, Grigory`. */
      heading,
      /** Other forms the texts use; `Forenames Surname` and the surname alone are implied. */
      variants: z.array(nonEmpty).default([]),
      /** Set to false when the surname alone is also a common word or another person's name. */
      surnameAlone: z.boolean().default(true),
      dates: nonEmpty.optional(),
      description: nonEmpty.optional(),
      /** Headings of related persons: printed as *see also*. */
      seeAlso: z.array(heading).default([]),
      /** The index entry's sub-entries an editor names: a label, and words of which one must stand in a passage it takes. */
      subentries: z.array(z.strictObject({ label: nonEmpty, match: z.array(nonEmpty).min(1) })).optional(),
    }),
  ),
  /** Headings that are not used, sending the reader to the one that is (*see*). */
  references: z
    .array(z.strictObject({ from: heading, see: heading }))
    .default([]),
  /** Text that contains a person's name but is no mention of a person (a work's title, a place). */
  notPersons: z
    .array(z.strictObject({ pattern, reason: nonEmpty }))
    .default([]),
});

export type NamesAuthority = z.output<typeof namesSchema>;
export type PersonEntry = NamesAuthority["persons"][number];
