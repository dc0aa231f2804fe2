/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The translator for this request's language; set by middleware. */
    i18n: import('./i18n').Translator;
  }
}

// Lets plain `tsc` type-check .ts files that import components; `astro check` reads the components themselves.
declare module '*.astro' {
  const Component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default Component;
}
