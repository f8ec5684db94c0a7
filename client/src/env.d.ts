/** Stylesheets are bundled by Vite; importing one has no value. */
declare module '*.css';

/** The part of Vite's `import.meta.env` the client reads. */
interface ImportMeta {
  readonly env: { readonly PROD: boolean; readonly DEV: boolean; readonly MODE: string };
}
