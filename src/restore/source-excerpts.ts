// Sections of numbered excerpts from sources, as a site sets them out (its
// convention is data: `excerpts` in the boilerplate rules). After the
// section's heading, each line that heads an excerpt (its number and
// attribution, `(3) Leon Trotsky, My Life (1930)`) opens an excerpt that runs
// to the next one. Each becomes a section with its heading and the excerpt as
// a quotation. Numbers out of order are reported.
import type { Blockquote, BlockContent, Heading, Root, RootContent } from "mdast";
import type { Plugin } from "unified";
import type { VFile } from "vfile";
import { toString } from "mdast-util-to-string";
import type { BoilerplateRules, ExcerptConvention } from "../manifest/editorial-data-schema.js";
import { recognisedSites } from "./boilerplate.js";
import { notesStart, paragraphText } from "./blocks.js";

export interface SourceExcerptsOptions {
  /** The sites' rules: the excerpt conventions of every site that recognises the text apply to it. */
  rules: BoilerplateRules;
}

const source = "structure";

/** The one line of a paragraph or a heading (the headings stage may have taken a short excerpt head for a heading). */
function lineOf(node: RootContent): string | undefined {
  const text = node.type === "heading" ? toString(node) : paragraphText(node);
  return text === undefined || text.includes("\n") ? undefined : text;
}

function restoreSection(tree: Root, file: VFile, convention: ExcerptConvention): void {
  const sectionHeading = new RegExp(convention.section, "u");
  const excerptHead = new RegExp(convention.head, "u");
  const start = tree.children.findIndex((node) => node.type === "heading" && sectionHeading.test(toString(node).trim()));
  if (start === -1) return;
  const end = notesStart(tree);
  const excerpts: RootContent[] = [];
  let current: { heading: Heading; body: BlockContent[]; number: number } | undefined;
  let expected = 1;
  let count = 0;
  const close = () => {
    if (!current) return;
    count++;
    const quote: Blockquote = { type: "blockquote", children: current.body, data: { hProperties: { className: ["excerpt-text"] } } };
    excerpts.push({
      type: "blockquote",
      children: current.body.length ? [current.heading, quote] : [current.heading],
      position: current.heading.position,
      data: { hName: "section", hProperties: { className: ["source-excerpt"], ariaLabel: `Source ${current.number}` } },
    });
  };
  const section = tree.children.slice(start + 1, end);
  for (const node of section) {
    const line = lineOf(node);
    const head = line === undefined ? null : excerptHead.exec(line);
    if (head) {
      close();
      const number = Number(head[1]);
      if (number !== expected) file.message(`source excerpt (${number}) where (${expected}) was expected`, { place: node.position, ruleId: "structure-excerpt-number", source });
      expected = number + 1;
      current = { heading: { type: "heading", depth: 3, children: (node as { children: Heading["children"] }).children, position: node.position }, body: [], number };
    } else if (current) {
      current.body.push(node as BlockContent);
    } else {
      excerpts.push(node);
    }
  }
  close();
  const heading = tree.children[start]!;
  file.info(`${count} source excerpts in the ${toString(heading).trim()} section`, { place: heading.position, ruleId: "structure-excerpts", source });
  tree.children = [...tree.children.slice(0, start + 1), ...excerpts, ...tree.children.slice(end)];
}

export const restoreSourceExcerpts: Plugin<[SourceExcerptsOptions], Root> = ({ rules }) => {
  const sections = rules.sites.flatMap((site) => site.excerpts.map((convention) => new RegExp(convention.section, "u")));
  return (tree, file) => {
    // Which sites the text is from is asked only of a text with such a section: most have none.
    const headings = tree.children.filter((node) => node.type === "heading").map((node) => toString(node).trim());
    if (!headings.some((heading) => sections.some((section) => section.test(heading)))) return;
    for (const site of recognisedSites(rules, String(file.value))) for (const convention of site.excerpts) restoreSection(tree, file, convention);
  };
};
