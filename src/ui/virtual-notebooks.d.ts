/** The shipped notebooks' index, generated at build time by src/build/notebook-assets.ts. */
declare module 'virtual:fieldbook-notebooks' {
  /** One shipped notebook: its file name (without `.md`), front matter, outline and the URL of its JSON asset. */
  export const notebooks: {
    file: string;
    meta: { id: string; title: string; summary: string; order: number; tags: string[] };
    /** `outlineNotebook(notebook)` (src/notebook/outline.ts), computed by the build. */ outline: unknown;
    url: string;
  }[];
  /** Every file of `notebooks/` as raw text: its name (without `.md`) and URL. */
  export const texts: { file: string; url: string }[];
  /** Notebook files that did not parse, with the parser's message. */
  export const broken: { id: string; error: string }[];
}
