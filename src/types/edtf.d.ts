// The part of the `edtf` package the dates plugin uses (it ships no types).
declare module "edtf" {
  interface ExtendedDate {
    type: string;
    /** Earliest and latest instant the value may mean, in ms since 1970. */
    min: number;
    max: number;
    edtf: string;
  }
  export default function edtf(value: string): ExtendedDate;
}
