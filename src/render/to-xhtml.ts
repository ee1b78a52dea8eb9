// EPUB content documents are XML: serialise hast through xast, so boolean
// attributes, empty elements and escaping are all well-formed XHTML.
import { createHash } from "node:crypto";
import type { Element } from "hast";
import { toXast } from "hast-util-to-xast";
import { toXml } from "xast-util-to-xml";
import { guardXml } from "../book/sanitise.js";

/** `<br></br>` as xast-util-to-xml writes an empty element, for HTML's void elements. */
const voidElementPair = /<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)((?:\s[^>]*)?)><\/\1>/g;

/**
 * Each element's XHTML kept by its content (the hash of its JSON: the
 * serialisation reads nothing else), so a rebuild in the same process
 * (`edition watch`, the bench's one-word rebuild) serialises again only what
 * changed. The EPUB writer serialises each block once to measure a file's
 * size and each file's part once more to write it; both are kept. At most
 * `maxKeptChars` characters are kept, the least recently used going first.
 */
const kept = new Map<string, string>();
const maxKeptChars = 32 * 1024 * 1024;
let keptChars = 0;

function serialise(node: Element): string {
  const xast = toXast(node);
  // The document element declares the namespace; fragments must not repeat it.
  if (xast.type === "element") delete xast.attributes.xmlns;
  // The book is sanitised already; this guard holds for any tree: `]]>` never raw, no XML-illegal character.
  // A void element self-closes: epub-gen-memory re-parses the content as HTML, where `</br>` is a second `<br>`.
  return guardXml(toXml(xast).replace(voidElementPair, "<$1$2/>"));
}

function keptXhtml(node: Element): string {
  const key = createHash("sha256").update(JSON.stringify(node)).digest("base64");
  const hit = kept.get(key);
  if (hit !== undefined) {
    kept.delete(key);
    kept.set(key, hit);
    return hit;
  }
  const xhtml = serialise(node);
  if (xhtml.length > maxKeptChars / 4) return xhtml;
  kept.set(key, xhtml);
  keptChars += xhtml.length;
  for (const [oldest, value] of kept) {
    if (keptChars <= maxKeptChars) break;
    kept.delete(oldest);
    keptChars -= value.length;
  }
  return xhtml;
}

export function toXhtml(nodes: Element | Element[]): string {
  const list = Array.isArray(nodes) ? nodes : [nodes];
  return list.map(keptXhtml).join("\n");
}
