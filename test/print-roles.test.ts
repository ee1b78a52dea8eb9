import type { Root } from "hast";
import { h } from "hastscript";
import rehypeStringify from "rehype-stringify";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { rehypeDefinitionListRoles } from "../src/render/print-roles.js";

const run = (tree: Root) => (rehypeDefinitionListRoles()(tree), unified().use(rehypeStringify).stringify(tree));

describe("print roles for Chromium's tags", () => {
  it("makes a definition list grouped in divs a list of items", () => {
    const tree: Root = { type: "root", children: [h("dl", [h("div", [h("dt", "1905"), h("dd", "Soviet")]), h("div", [h("dt", "1917"), h("dd", "October")])])] };
    expect(run(tree)).toBe('<dl role="list"><div role="listitem"><dt>1905</dt><dd>Soviet</dd></div><div role="listitem"><dt>1917</dt><dd>October</dd></div></dl>');
  });

  it("leaves a definition list without groups, or with a role of its own, as it is", () => {
    const bare: Root = { type: "root", children: [h("dl", [h("dt", "a"), h("dd", "b")])] };
    expect(run(bare)).toBe("<dl><dt>a</dt><dd>b</dd></dl>");
    const own: Root = { type: "root", children: [h("dl", { role: "presentation" }, [h("div", [h("dt", "a"), h("dd", "b")])])] };
    expect(run(own)).toBe('<dl role="presentation"><div><dt>a</dt><dd>b</dd></div></dl>');
  });
});
