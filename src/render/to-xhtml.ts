// EPUB content documents are XML: serialise hast through xast, so boolean
// attributes, empty elements and escaping are all well-formed XHTML.
import type { Element } from "hast";
import { toXast } from "hast-util-to-xast";
import { toXml } from "xast-util-to-xml";
import { guardXml } from "../book/sanitise.js";

export function toXhtml(nodes: Element | Element[]): string {
  const list = Array.isArray(nodes) ? nodes : [nodes];
  return list
    .map((node) => {
      const xast = toXast(node);
      // The document element declares the namespace; fragments must not repeat it.
      if (xast.type === "element") delete xast.attributes.xmlns;
      // The book is sanitised already; this guard holds for any tree: `]]>` never raw, no XML-illegal character.
      return guardXml(toXml(xast));
    })
    .join("\n");
}
