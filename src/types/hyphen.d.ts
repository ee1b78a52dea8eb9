// The part of the `hyphen` package this project uses (it ships no types).
declare module "hyphen/en/index.js" {
  export interface HyphenOptions {
    hyphenChar?: string;
    minWordLength?: number;
    exceptions?: string[];
  }
  const hyphen: {
    hyphenateSync(text: string, options?: HyphenOptions): string;
    hyphenate(text: string, options?: HyphenOptions): Promise<string>;
  };
  export default hyphen;
}
