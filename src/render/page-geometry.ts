// The printed page in PDF points: trim size from the manifest, plus the bleed
// the printer asks for. One source for the CSS @page rule, the PDF post-pass
// and the preflight, so they cannot disagree.
import { trimSizes, type Manifest } from "../manifest/manifest-schema.js";
import { profiles, type PdfProfile } from "./print-profiles.js";

export const pointsPer = { in: 72, mm: 72 / 25.4 } as const;

/** The book design: does anything run to the page edge? (No: a text-only book, so a print-on-demand profile needs no bleed.) */
export const designBleeds = false;

/** A profile's bleed on each side, in points, for this design. */
export function profileBleed(profile: PdfProfile): number {
  return points(designBleeds ? profile.bleedWhenDesignBleeds : profile.bleed);
}

/** Page margins in inches: the inner one is wider, for the binding. Running heads and folios stand in the top and bottom ones. */
export const marginsIn = { top: 0.75, bottom: 0.8, inner: 0.85, outer: 0.6 } as const;

/** Points from the page's top edge where the text area starts and ends, on a page of `trimHeight` points carrying `bleed` on each side: running heads and folios stand outside it. */
export function textBands(trimHeight: number, bleed: number): { top: number; bottom: number } {
  return { top: bleed + marginsIn.top * pointsPer.in, bottom: bleed + trimHeight - marginsIn.bottom * pointsPer.in };
}

export interface PageGeometry {
  /** Trim width and height in points. */
  width: number;
  height: number;
  /** Bleed on each side in points (0 in the screen profile). */
  bleed: number;
}

export function points(length: string): number {
  const match = /^([\d.]+)(in|mm)$/.exec(length);
  if (!match) throw new Error(`not a length in in or mm: ${length}`);
  return Number(match[1]) * pointsPer[match[2] as keyof typeof pointsPer];
}

/** The page of a profile (by default the offset one, with its bleed). */
export function trimGeometry(trim: Manifest["trim"], profile: PdfProfile = profiles.offset): PageGeometry {
  const size = trimSizes[trim];
  return { width: points(size.width), height: points(size.height), bleed: profileBleed(profile) };
}

/** The CSS @page rules for the manifest's trim, with the profile's bleed and marks (the print render), and the margins. */
export function pageSizeCss(trim: Manifest["trim"], profile: PdfProfile = profiles.offset): string {
  const { width, height } = trimSizes[trim];
  const { top, bottom, inner, outer } = marginsIn;
  const bleed = profileBleed(profile);
  // Without bleed, no bleed or marks at all: Paged.js then makes pages of the trim size.
  const press = `${bleed ? ` bleed: ${designBleeds ? profile.bleedWhenDesignBleeds : profile.bleed};` : ""}${profile.marks ? " marks: crop;" : ""}`;
  return [
    `@page { size: ${width} ${height};${press} margin: ${top}in ${outer}in ${bottom}in ${outer}in; }`,
    `@page :left { margin-left: ${outer}in; margin-right: ${inner}in; }`,
    `@page :right { margin-left: ${inner}in; margin-right: ${outer}in; }`,
  ].join("\n");
}

/** [x, y, width, height] of the trim inside a page that carries the bleed. */
export function trimRect(geometry: PageGeometry): [number, number, number, number] {
  return [geometry.bleed, geometry.bleed, geometry.width, geometry.height];
}

export function mediaRect(geometry: PageGeometry): [number, number, number, number] {
  return [0, 0, geometry.width + 2 * geometry.bleed, geometry.height + 2 * geometry.bleed];
}
