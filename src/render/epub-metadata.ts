// The package's accessibility metadata (schema.org, EPUB Accessibility 1.1):
// features are claimed only when the book holds them.
import { trimSizes, type Manifest } from "../manifest/manifest-schema.js";

/** The print edition the page-list follows, named as its own PDF. */
export function printEditionName(manifest: Manifest): string {
  const { width, height } = trimSizes[manifest.trim];
  return `${manifest.title}, print edition (PDF, ${width} × ${height}), ${manifest.revised}`;
}

export interface BookFeatures {
  hasCover: boolean;
  hasIndex: boolean;
  hasPageList: boolean;
  printEdition: string;
  /** Who reviewed the book's accessibility (the manifest's `accessibility`): only then is conformance claimed. */
  certification?: { certifiedBy: string; credential?: string };
}

/** The EPUB Accessibility 1.1 conformance string for WCAG 2.2 AA. */
export const conformance = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA";

export function accessibilityMetadata(features: BookFeatures): { property: string; value: string }[] {
  const feature = (value: string) => ({ property: "schema:accessibilityFeature", value });
  const modes = features.hasCover ? ["textual", "visual"] : ["textual"];
  return [
    ...modes.map((value) => ({ property: "schema:accessMode", value })),
    { property: "schema:accessModeSufficient", value: "textual" },
    ...(features.hasCover ? [{ property: "schema:accessModeSufficient", value: modes.join(",") }] : []),
    feature("structuralNavigation"),
    feature("tableOfContents"),
    feature("readingOrder"),
    ...(features.hasIndex ? [feature("index")] : []),
    ...(features.hasPageList ? [feature("printPageNumbers")] : []),
    ...(features.hasCover ? [feature("alternativeText")] : []),
    { property: "schema:accessibilityHazard", value: "none" },
    // A claim of conformance needs someone who checked it: the manifest names them, or nothing is claimed.
    ...(features.certification
      ? [
          { property: "dcterms:conformsTo", value: conformance },
          { property: "a11y:certifiedBy", value: features.certification.certifiedBy },
          ...(features.certification.credential ? [{ property: "a11y:certifierCredential", value: features.certification.credential }] : []),
        ]
      : []),
    {
      property: "schema:accessibilitySummary",
      value: [
        "All content is text, in a reading order that follows the print edition.",
        "Every text and its sections are in the contents, marked up with headings and structural semantics (EPUB and ARIA).",
        ...(features.hasIndex ? ["An index of names links to each place a person is mentioned."] : []),
        ...(features.hasPageList ? [`Page-break markers and a page list give the page numbers of the print edition (${features.printEdition}).`] : []),
        ...(features.hasCover ? ["The cover image shows only the title, authors and editor, which its text alternative repeats."] : []),
        "No content flashes, moves or plays sound.",
      ].join(" "),
    },
  ];
}
