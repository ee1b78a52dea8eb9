// The part of pagedjs-cli's Printer this project uses (the package ships no types).
declare module "pagedjs-cli" {
  import { EventEmitter } from "node:events";
  import type { Browser, Page } from "puppeteer";

  export interface PrinterOptions {
    additionalScripts?: string[];
    timeout?: number;
    browserArgs?: string[];
    allowLocal?: boolean;
  }

  export interface LaidOutPage {
    id: string;
    position: number;
    boxes: { media: Box; crop: Box };
  }
  export interface Box {
    width: number;
    height: number;
    x: number;
    y: number;
  }

  export default class Printer extends EventEmitter {
    constructor(options?: PrinterOptions);
    browser?: Browser;
    pages: LaidOutPage[];
    setup(): Promise<Browser>;
    render(input: string | { html?: string; url?: string }): Promise<Page>;
    close(): Promise<void>;
  }
}
