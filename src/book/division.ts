// A division is one top-level part of the book: a front-matter page, a text,
// or a back-matter section. Renderers split and label the book by divisions.
import type { Element } from "hast";

export type DivisionPart = "front" | "body" | "back";

export interface Division {
  /** Anchor id of the division, also the EPUB file name stem. */
  id: string;
  part: DivisionPart;
  /** Plain title for contents, navigation and running heads. */
  title: string;
  /** Author of a text, shown in the contents. */
  author?: string;
  /** Whether the contents list it. */
  inContents: boolean;
}

declare module "hast" {
  interface ElementData {
    division?: Division;
  }
}

export function divisionOf(node: Element): Division | undefined {
  return node.data?.division;
}
