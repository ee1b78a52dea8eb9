// The output sanitiser: every text that reaches an output (EPUB, print HTML,
// PDF) passes here. Characters XML 1.0 forbids (C0 controls but tab, line
// feed and carriage return; U+FFFE, U+FFFF; lone surrogates) are removed,
// and links keep their target only when its scheme is on the allow-list
// (http, https, mailto, or a link within the book); otherwise the link's
// text stays and the link goes. Each removal is a warning at its raw place
// where the place is known. Two entry points: the manifest's strings
// (`sanitiseManifest`, before anything is built from them) and the book tree
// (`rehypeSanitise`, a hast plugin run on the assembled book). The XML
// writers add a last string-level guard (`guardXml`) so that `]]>` and an
// illegal character can never reach an XML file whatever the way in.
import type { Element, ElementContent, Nodes, Root } from "hast";
import type { Point } from "unist";
import type { VFile } from "vfile";
import { location } from "vfile-location";
import type { Division } from "./division.js";

/** Characters that may not appear in an XML 1.0 document, even as character references. */
const xmlIllegal = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Schemes a link may have; a link without a scheme (`#id`, `file.xhtml#id`) points within the book. */
export const allowedSchemes = ["http", "https", "mailto"] as const;

const origin = { source: "output" };

export function hasXmlIllegal(value: string): boolean {
  xmlIllegal.lastIndex = 0;
  return xmlIllegal.test(value);
}

/** The value without XML-illegal characters. */
export function stripXmlIllegal(value: string): string {
  return value.replace(xmlIllegal, "");
}

/** The characters removed, described for a message: `U+0001, U+FFFE`. */
function describe(value: string): string {
  const found = [...new Set(value.match(xmlIllegal) ?? [])];
  return found.map((character) => `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`).join(", ");
}

/**
 * A link's scheme, lower-cased, or "" when it has none (a link within the book).
 * Browsers ignore tabs and line breaks inside a scheme and leading spaces or controls, so this does too.
 */
export function linkScheme(href: string): string {
  const cleaned = href.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, "");
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return match ? match[1]!.toLowerCase() : "";
}

export function isAllowedLink(href: string): boolean {
  const scheme = linkScheme(href);
  return scheme === "" ? !/^[\u0000-\u0020]*\/\//.test(href) : (allowedSchemes as readonly string[]).includes(scheme);
}

const allowedList = `${allowedSchemes.join(", ")}, or a link within the book`;

/** The last guard of every XML file written: no illegal character, and `]]>` never raw (it may not stand in character data). */
export function guardXml(xml: string): string {
  return stripXmlIllegal(xml).replaceAll("]]>", "]]&gt;");
}

// ---------------------------------------------------------------------------
// The manifest

/**
 * Clean the manifest's strings in place, before the book is built from them:
 * its titles, names and notes reach the EPUB's package document, the PDF's
 * metadata and every page. A source `url` with a scheme that is not allowed
 * is dropped (the site's name stays, without a link).
 */
export function sanitiseManifest(manifest: object, file: VFile, placeOf: (keyPath: readonly PropertyKey[]) => Point): void {
  const walk = (node: Record<string | number, unknown>, keyPath: (string | number)[]) => {
    for (const key of Object.keys(node)) {
      const value = node[key];
      const at = [...keyPath, Array.isArray(node) ? Number(key) : key];
      if (typeof value === "string") {
        if (hasXmlIllegal(value)) {
          file.message(`\`${at.join(".")}\` holds characters no XML file may hold (${describe(value)}); removed them`, {
            ...origin,
            ruleId: "output-xml-character",
            place: placeOf(at),
          });
          node[key] = stripXmlIllegal(value);
        }
        if (key === "url" && !isAllowedLink(node[key] as string)) {
          file.message(`\`${at.join(".")}\`: the scheme \`${linkScheme(value)}:\` is not allowed in a link (${allowedList}); the source is named without a link`, {
            ...origin,
            ruleId: "output-link-scheme",
            place: placeOf(at),
          });
          delete node[key];
        }
      } else if (value && typeof value === "object") walk(value as Record<string, unknown>, at);
    }
  };
  walk(manifest as Record<string, unknown>, []);
}

// ---------------------------------------------------------------------------
// The book tree

export interface SanitiseOptions {
  /** The text's own file for a text's division: its nodes' positions are places in that file. */
  fileOf?: (division: Division) => VFile | undefined;
}

/** Elements whose `href` is a link a reader can follow. */
const linkElements = new Set(["a", "area"]);

/**
 * A rehype plugin for the assembled book: XML-illegal characters out of every
 * text, comment and attribute (and the divisions' titles), links with a
 * scheme off the allow-list turned back into their text. Messages go to the
 * text's file at the raw place when the node has a position there, else to
 * the file the plugin runs on (the manifest's), naming the division.
 */
export function rehypeSanitise(options: SanitiseOptions = {}) {
  return (tree: Root, fallback: VFile) => {
    const report = (reason: string, ruleId: string, division: Division | undefined, node: Nodes | undefined, raw?: { text: string; index: number }) => {
      const own = division ? options.fileOf?.(division) : undefined;
      const where = division ? ` (in “${division.title}”)` : "";
      if (own && node?.position) own.message(reason, { ...origin, ruleId, place: rawPlace(own, node, raw) ?? node.position });
      else fallback.message(`${reason}${where}`, { ...origin, ruleId });
    };

    const cleanString = (value: string, division: Division | undefined, node: Nodes, what: string): string => {
      if (!hasXmlIllegal(value)) return value;
      const first = value.search(xmlIllegal);
      report(`${what} holds characters no XML file may hold (${describe(value)}); removed them`, "output-xml-character", division, node, {
        text: value,
        index: first,
      });
      return stripXmlIllegal(value);
    };

    const visit = (node: Nodes, division: Division | undefined) => {
      if (node.type === "text" || node.type === "comment" || node.type === "raw") {
        node.value = cleanString(node.value, division, node, node.type === "comment" ? "a comment" : "the text");
        return;
      }
      if (node.type !== "element" && node.type !== "root") return;
      if (node.type === "element") {
        const own = node.data?.division;
        if (own) {
          division = own;
          own.title = cleanString(own.title, own, node, "the division's title");
          if (own.author) own.author = cleanString(own.author, own, node, "the division's author");
        }
        for (const [name, value] of Object.entries(node.properties)) {
          if (typeof value === "string") node.properties[name] = cleanString(value, division, node, `the attribute \`${name}\``);
          else if (Array.isArray(value)) {
            node.properties[name] = value.map((item) => (typeof item === "string" ? cleanString(item, division, node, `the attribute \`${name}\``) : item));
          }
        }
      }
      node.children = (node.children as ElementContent[]).flatMap((child) => {
        visit(child, division);
        if (child.type === "element" && linkElements.has(child.tagName) && typeof child.properties.href === "string" && !isAllowedLink(child.properties.href)) {
          const href = child.properties.href;
          report(
            `the link \`${href.length > 60 ? `${href.slice(0, 60)}…` : href}\` has the scheme \`${linkScheme(href)}:\`, which is not allowed (${allowedList}); kept its text without the link`,
            "output-link-scheme",
            division,
            child,
          );
          return unlinked(child);
        }
        return [child];
      }) as typeof node.children;
    };
    visit(tree, undefined);
  };
}

/** A link's content without the link; an id it held stays on a span, so nothing pointing at it breaks. */
function unlinked(link: Element): ElementContent[] {
  const id = link.properties.id;
  return id === undefined ? link.children : [{ type: "element", tagName: "span", properties: { id }, children: link.children }];
}

/**
 * Where the first bad character stands in the raw text: the node's own place
 * when its raw slice holds the same character (corrections and typography may
 * have moved the rest), else undefined (the node's start is used).
 */
function rawPlace(file: VFile, node: Nodes, raw?: { text: string; index: number }): Point | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (!raw || start === undefined || end === undefined || typeof file.value !== "string") return undefined;
  const slice = file.value.slice(start, end);
  const character = raw.text[raw.index]!;
  // The same occurrence (by count) of that character in the raw slice.
  const nth = raw.text.slice(0, raw.index).split(character).length - 1;
  let at = -1;
  for (let seen = 0; seen <= nth; seen++) {
    at = slice.indexOf(character, at + 1);
    if (at === -1) return undefined;
  }
  return location(file).toPoint(start + at);
}
