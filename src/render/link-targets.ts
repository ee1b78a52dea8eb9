// EPUB splits the book into one file per division, so in-book links (`#id`)
// must name the file that holds their target.
import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";

/** Map every id in each division to that division's file name. */
export function fileOfEachId(divisions: Element[], fileName: (division: Element) => string): Map<string, string> {
  const files = new Map<string, string>();
  for (const division of divisions) {
    const file = fileName(division);
    visit(division, "element", (node) => {
      const id = node.properties.id;
      if (typeof id === "string") files.set(id, file);
    });
  }
  return files;
}

/** Rewrite `#id` links inside `tree`, which will be stored as `currentFile`. */
export function pointLinksAtFiles(tree: Element | Root, files: Map<string, string>, currentFile: string): void {
  visit(tree, "element", (node) => {
    const href = node.properties.href;
    if (typeof href !== "string" || !href.startsWith("#")) return;
    const file = files.get(href.slice(1));
    if (!file) throw new Error(`link to missing anchor ${href}`);
    if (file !== currentFile) node.properties.href = `${file}${href}`;
  });
}
