import type { Element } from "hast";
import { h } from "hastscript";
import { describe, expect, it } from "vitest";
import { dropEmptyPageRefs, fillPageRefs } from "../src/render/epub-page-refs.js";
import { toXhtml } from "../src/render/to-xhtml.js";

// Print pages 111–114; m2 and m3 stand on 113, m4 on 114.
const pages = () => ({ folios: ["111", "112", "113", "114"], pageOf: new Map(Object.entries({ m1: 0, m2: 2, m3: 2, m4: 3 })) });
const ref = (target: string, label = "") => h("a", { className: ["page-ref"], href: `#${target}` }, label ? [label] : []);
const back = (): Element =>
  h("section", { id: "b" }, [
    h("p", ["Greek", h("span", { className: ["page-ref-list"] }, [": Sherry ", ref("m1", "1"), ", ", ref("m3", "2"), ", ", ref("m2", "3"), ", ", ref("m4", "4")])]),
    h("p", ["An event ", h("a", { href: "#m2" }, "Sherry"), h("span", { className: ["chronology-page", "page-ref-phrase"] }, [", p.\u00a0", ref("m2")])]),
  ]);

describe("page references in the EPUB", () => {
  it("give a list each page once, in order, consecutive pages as a Chicago range, each linking to the first target on its pages", () => {
    const tree = back();
    fillPageRefs(tree, pages());
    const xhtml = toXhtml(tree);
    expect(xhtml).toContain('<span class="page-ref-list">, <a class="page-ref" href="#m1">111</a>, <a class="page-ref" href="#m3">113–14</a></span>');
    expect(xhtml).toContain('<span class="chronology-page page-ref-phrase">, p.\u00a0<a class="page-ref" href="#m2">113</a></span>');
  });

  it("start a list that follows its own words (`p. `) with its data-lead, not a comma", () => {
    const tree = h("p", ["A correction", h("span", { className: ["page-ref-phrase"] }, [", p.\u00a0", h("span", { className: ["page-ref-list"], dataLead: "" }, [ref("m2"), ", ", ref("m1")])])]);
    fillPageRefs(tree, pages());
    expect(toXhtml(tree)).toContain(', p.\u00a0<span class="page-ref-list" data-lead=""><a class="page-ref" href="#m1">111</a>, <a class="page-ref" href="#m2">113</a></span>');
  });

  it("fail on a target that stands on no print page", () => {
    const tree = h("section", [h("a", { className: ["page-ref"], href: "#nowhere" })]);
    expect(() => fillPageRefs(tree, pages())).toThrow(/#nowhere/);
  });

  it("without print pages, leave out an empty reference with its phrase and keep locators that have text", () => {
    const tree = back();
    dropEmptyPageRefs(tree);
    const xhtml = toXhtml(tree);
    expect(xhtml).not.toContain("p.\u00a0");
    expect(xhtml).toContain('<p>An event <a href="#m2">Sherry</a></p>');
    expect(xhtml).toContain('<a class="page-ref" href="#m4">4</a>');
  });
});
