// The printed page in PDF points: trim size from the manifest, plus the bleed
// the printer asks for. One source for the CSS @page rule, the PDF post-pass
// and the preflight, so they cannot disagree.
import { trimSizes, type Manifest } from "../manifest/manifest-schema.js";

export const pointsPer = { in: 72, mm: 72 / 25.4 } as const;

/** Bleed on each side of the trim in the print profile (printers ask for 3 mm). */
export const bleedMm = 3;

/** Page margins in inches: the inner one is wider, for the binding. Running heads and folios stand in the top and bottom ones. */
export const marginsIn = { top: 0.75, bottom: 0.8, inner: 0.85, outer: 0.6 } as const;

export interface PageGeometry {
  /** Trim width and height in points. */
  width: number;
  height: number;
  /** Bleed on each side in points (0 in the screen profile). */
  bleed: number;
}

function points(length: string): number {
  const match = /^([\d.]+)(in|mm)$/.exec(length);
  if (!match) throw new Error(`not a length in in or mm: ${length}`);
  return Number(match[1]) * pointsPer[match[2] as keyof typeof pointsPer];
}

export function trimGeometry(trim: Manifest["trim"], bleed = true): PageGeometry {
  const size = trimSizes[trim];
  return { width: points(size.width), height: points(size.height), bleed: bleed ? bleedMm * pointsPer.mm : 0 };
}

/** The CSS @page rules for the manifest's trim, with bleed and crop marks (the print render), and the margins. */
export function pageSizeCss(trim: Manifest["trim"]): string {
  const { width, height } = trimSizes[trim];
  const { top, bottom, inner, outer } = marginsIn;
  return [
    `@page { size: ${width} ${height}; bleed: ${bleedMm}mm; marks: crop; margin: ${top}in ${outer}in ${bottom}in ${outer}in; }`,
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
