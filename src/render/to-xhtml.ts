// EPUB content documents are XML: serialise hast through xast, so boolean
// attributes, empty elements and escaping are all well-formed XHTML.
import type { Element } from "hast";
import { toXast } from "hast-util-to-xast";
import { toXml } from "xast-util-to-xml";
import { guardXml } from "../book/sanitise.js";
import { contentJson, Memo, memoKey } from "../watch/render-memo.js";

/** `<br></br>` as xast-util-to-xml writes an empty element, for HTML's void elements. */
const voidElementPair = /<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)((?:\s[^>]*)?)><\/\1>/g;

/**
 * Each element's XHTML kept by its content (the hash of its JSON without
 * positions: the serialisation reads nothing else), so a rebuild (`edition watch`, the
 * bench's one-word rebuild, a new process with the memo on disk) serialises
 * again only what changed. The EPUB writer serialises each block once to
 * measure a file's size and each file's part once more to write it; both are
 * kept. At most 16 Mi characters are kept, the oldest going first.
 */
export const keptXhtml = new Memo<string>("xhtml", 16 * 1024 * 1024);

function serialise(node: Element): string {
  const xast = toXast(node);
  // The document element declares the namespace; fragments must not repeat it.
  if (xast.type === "element") delete xast.attributes.xmlns;
  // The book is sanitised already; this guard holds for any tree: `]]>` never raw, no XML-illegal character.
  // A void element self-closes: epub-gen-memory re-parses the content as HTML, where `</br>` is a second `<br>`.
  return guardXml(toXml(xast).replace(voidElementPair, "<$1$2/>"));
}

const xhtmlOf = (node: Element) => keptXhtml.through(memoKey(contentJson(node)), () => serialise(node));

export function toXhtml(nodes: Element | Element[]): string {
  const list = Array.isArray(nodes) ? nodes : [nodes];
  return list.map(xhtmlOf).join("\n");
}
