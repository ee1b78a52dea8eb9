// The EPUB claims conformance (EPUB Accessibility 1.1, WCAG 2.2 AA) only when
// the manifest names who reviewed it; otherwise its metadata claims nothing.
import { describe, expect, it } from "vitest";
import { manifestFileSchema } from "../src/manifest/manifest-schema.js";
import { accessibilityMetadata } from "../src/render/epub-metadata.js";

const features = { hasCover: true, hasIndex: true, hasPageList: true, printEdition: "A Book, print edition" };
const properties = (entries: { property: string; value: string }[]) => entries.map((entry) => entry.property);

describe("the EPUB's conformance claim", () => {
  it("is absent when no one reviewed the book", () => {
    const entries = accessibilityMetadata(features);
    expect(properties(entries)).not.toContain("dcterms:conformsTo");
    expect(properties(entries).some((property) => property.startsWith("a11y:"))).toBe(false);
  });

  it("names EPUB Accessibility 1.1 at WCAG 2.2 AA and the reviewer when the manifest gives one", () => {
    const entries = accessibilityMetadata({ ...features, certification: { certifiedBy: "Jane Reviewer", credential: "CPACC" } });
    expect(entries).toEqual(
      expect.arrayContaining([
        { property: "dcterms:conformsTo", value: "EPUB Accessibility 1.1 - WCAG 2.2 Level AA" },
        { property: "a11y:certifiedBy", value: "Jane Reviewer" },
        { property: "a11y:certifierCredential", value: "CPACC" },
      ]),
    );
  });

  it("takes the reviewer from the manifest's accessibility.certifiedBy, which may not be empty", () => {
    const manifest = { slug: "a", title: "A", editor: "E", publisher: "P", language: "en", rights: "R", identifier: "urn:uuid:00000000-0000-0000-0000-000000000000", description: "D", texts: [{ id: "t", file: "t.txt", source: "s", url: "https://example.org/" }] };
    const accepted = manifestFileSchema.safeParse({ ...manifest, accessibility: { certifiedBy: "Jane Reviewer" } });
    expect(accepted.error?.issues.some((issue) => issue.path[0] === "accessibility") ?? false).toBe(false);
    expect(manifestFileSchema.safeParse({ ...manifest, accessibility: { certifiedBy: "" } }).error?.issues.some((issue) => issue.path[0] === "accessibility")).toBe(true);
    expect(manifestFileSchema.safeParse({ ...manifest, accessibility: {} }).error?.issues.some((issue) => issue.path[0] === "accessibility")).toBe(true);
  });
});
