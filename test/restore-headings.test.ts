// restoreHeadings through a bare processor (parser, then the plugin), on
// inline fixtures: short lines that are headings, the ones that are not,
// run-in headings found by the lexicon's words or named by a structure hint.
import type { Heading, Paragraph, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { describe, expect, it } from "vitest";
import type { LoadedStructureHint } from "../src/manifest/load-edition.js";
import { restoreHeadings, type HeadingsOptions } from "../src/restore/headings.js";
import { messagesOf, runPlugins } from "./restore-fixture.js";

const run = (value: string, options: HeadingsOptions = {}) => runPlugins([[restoreHeadings, options]], value);
const types = (tree: Root) => tree.children.map((node) => node.type);
const lexicon = { sentenceStarts: ["The", "In"], danglingWords: ["the", "of", "and", "that"] };

describe("restoreHeadings: short lines", () => {
  it("makes a short line standing alone a heading of depth 2", () => {
    const { markdown, file } = run("Introduction\n\nSome text here.\n");
    expect(markdown).toBe("## Introduction\n\nSome text here.\n");
    expect(file.messages).toEqual([]);
  });

  it("takes a short question for a heading with a warning", () => {
    const { tree, file } = run("Prose first.\n\nWhat Is To Be Done?\n\nSome text here.\n");
    expect(types(tree)).toEqual(["paragraph", "heading", "paragraph"]);
    expect(messagesOf(file, "structure-heading-question")).toEqual(["3:1 a short question standing alone, taken as a heading: `What Is To Be Done?`"]);
  });

  it("keeps sentences, lowercase starts, numbered heads, calls, long lines and the last block as paragraphs", () => {
    const value = [
      "He left.", // a sentence
      "lowercase start", // not capitalised
      "(3) An excerpt head", // numbered
      "A claim [4]", // a note call
      "One two three four five six seven eight nine ten eleven", // eleven words
      "A Line Ending So:", // a colon
      "Last Line", // the last block
    ].join("\n\n");
    const { tree, file } = run(`${value}\n`);
    expect(types(tree)).toEqual(Array(7).fill("paragraph"));
    expect(file.messages).toEqual([]);
  });

  it("never takes a quotation standing alone, or a line of dots and words, for a heading", () => {
    const value = [
      "That was what he meant when he drew the lesson:",
      "“In a revolution, greater energy is equivalent to greater humanity.”", // a quotation standing alone
      "The Whole Thing Was “Unthinkable.”", // a sentence closed inside its quotation marks
      "If . . . .", // a trailing-off
      "And So …", // an ellipsis
      "More prose follows here, which is a sentence.",
    ].join("\n\n");
    const { tree } = run(`${value}\n`);
    expect(types(tree)).toEqual(Array(6).fill("paragraph"));
  });

  it("does not look into the closing notes", () => {
    const { tree } = run("Body text.\n\n1. Short Note\n\n2. Another Note\n");
    expect(types(tree)).toEqual(["paragraph", "paragraph", "paragraph"]);
  });
});

describe("restoreHeadings: run-in headings", () => {
  it("sets a run-in heading one level below the headings standing alone before it, and refuses a run-in trailing-off", () => {
    const value = [
      "A Run-in Before In the beginning there was no heading standing alone.", // before any: the text's level
      "From Prison to Power",
      "Some prose under the chapter, which is a sentence.",
      "A Young Revolutionary In those years he was a student.", // after one: a level below
      "If . . . . In that case the outcome would have been different.", // dots are no heading
      "Permanent Revolution",
      "Prose again, which is a sentence.",
    ].join("\n\n");
    const { tree } = run(`${value}\n`, { lexicon });
    const headings = tree.children.filter((node): node is Heading => node.type === "heading").map((node) => [toString(node), node.depth]);
    expect(headings).toEqual([
      ["A Run-in Before", 2],
      ["From Prison to Power", 2],
      ["A Young Revolutionary", 3],
      ["Permanent Revolution", 2],
    ]);
    expect(tree.children.map((node) => toString(node))).toContain("If . . . . In that case the outcome would have been different.");
  });

  it("sets apart a heading run into its paragraph by the lexicon's words, at raw places", () => {
    const { tree, file } = run("Prison and Exile The authorities were cruel to him.\n\nMore.\n", { lexicon });
    expect(types(tree)).toEqual(["heading", "paragraph", "paragraph"]);
    expect(toString(tree.children[0]!)).toBe("Prison and Exile");
    const rest = tree.children[1] as Paragraph;
    expect(toString(rest)).toBe("The authorities were cruel to him.");
    // `Prison and Exile ` is 17 characters: the paragraph starts at column 18.
    expect(rest.position?.start).toMatchObject({ line: 1, column: 18 });
    expect(messagesOf(file, "structure-run-in-heading")).toEqual(["1:1 a heading run into its paragraph, set apart: `Prison and Exile`"]);
  });

  it("finds none without the lexicon, nor before a verb in the past or a dangling word", () => {
    expect(types(run("Prison and Exile The authorities were cruel to him.\n\nMore.\n").tree)).toEqual(["paragraph", "paragraph"]);
    const { tree, file } = run("He was arrested The next day he was gone.\n\nHe said that The Times was wrong.\n\nMore.\n", { lexicon });
    expect(types(tree)).toEqual(["paragraph", "paragraph", "paragraph"]);
    expect(file.messages).toEqual([]);
  });

  it("sets apart the run-in heading a structure hint names for this text only", () => {
    const hint = (text: string): LoadedStructureHint => ({ text, runInHeading: "Early Years", reason: "run in", place: { line: 1, column: 1 } });
    const { tree, file } = run("Early Years he grew up in a village.\n\nMore.\n", { structureHints: [hint("fixture"), hint("other")] });
    expect(types(tree)).toEqual(["heading", "paragraph", "paragraph"]);
    expect(toString(tree.children[0] as Heading)).toBe("Early Years");
    expect(toString(tree.children[1]!)).toBe("he grew up in a village.");
    expect(messagesOf(file, "structure-run-in-heading-hint")).toEqual([
      "1:1 a heading run into its paragraph, set apart as the structure file says: `Early Years`",
    ]);
    expect(file.data.structureHintsUsed).toHaveLength(1);

    const other = run("Early Years he grew up in a village.\n\nMore.\n", { structureHints: [hint("other")] });
    expect(types(other.tree)).toEqual(["paragraph", "paragraph"]);
  });
});
