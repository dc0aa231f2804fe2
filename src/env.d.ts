/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The translator for this request's language; set by middleware. */
    i18n: import('./i18n').Translator;
    /** The signed-in person, without secrets; undefined only on public routes. */
    user: import('./server/store/data').PublicUser | undefined;
    /**
     * Set by a page whose HTML depends on nothing but the build, the data store and the signed-in
     * person (not on the query, the session's other data, or the exact time): the server may answer
     * the same session's next visit from memory until the data changes (src/server/page-cache.ts).
     */
    cacheForSession?: boolean;
  }
  interface SessionData {
    /** Id of the signed-in person. */
    userId: string;
    /** A KPI file a head checked and has not applied yet. */
    kpiPending: { file: string; rows: import('./domain/kpi').KpiRow[] };
  }
}

// Lets plain `tsc` type-check .ts files that import components; `astro check` reads the components themselves.
declare module '*.astro' {
  const Component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default Component;
}
