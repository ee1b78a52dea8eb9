// The book stage's structure, shared by every format: the assembled book
// tree goes through these rehype plugins once, in this order (roles first,
// because the sections are found by their headings' closed levels and
// outside the notes, which the roles mark; the contents list chapters by
// their section ids).
import type { Root } from "hast";
import { unified } from "unified";
import { rehypeContentsChapters } from "./contents.js";
import { rehypeSectionIds } from "./ids.js";
import { rehypeCloseHeadingGaps, rehypePairRoles } from "./semantics.js";

export function bookProcessor() {
  return unified().use(rehypePairRoles).use(rehypeCloseHeadingGaps).use(rehypeSectionIds).use(rehypeContentsChapters);
}

/** Run the book stage's plugins on an assembled book (synchronously: they are all synchronous). */
export function structureBook(book: Root): Root {
  return bookProcessor().runSync(book) as Root;
}
