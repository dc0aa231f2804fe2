/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The translator for this request's language; set by middleware. */
    i18n: import('./i18n').Translator;
    /** The signed-in person, without secrets; undefined only on public routes. */
    user: import('./server/store/data').PublicUser | undefined;
    /** How many documents the signed-in person still has to confirm, for the header of a page. */
    documentsToConfirm?: number;
    /** How many sign-off requests wait for the signed-in person as a mentor, for the header of a page. */
    waitingForMe?: number;
    /** How many of the signed-in person's notifications are unread, for the header's bell. */
    unreadNotifications?: number;
    /** The person a `/team/[login]/…` route names, once the middleware has let the viewer see them. */
    subject?: import('./server/store/data').PublicUser;
  }
  interface SessionData {
    /** Id of the signed-in person. */
    userId: string;
    /** The person's session generation when they signed in: when it has moved on since, the session is over. */
    generation: number;
    /** A KPI file a head checked and has not applied yet. */
    kpiPending: { file: string; rows: import('./domain/kpi').KpiRow[] };
    /** A month pulled from a CRM that a head checked and has not applied yet. */
    crmPending: { crm: import('./domain/crm').CrmKind; month: string; rows: import('./domain/kpi').KpiRow[] };
    /** A sign-in with the company's account under way: state, nonce and PKCE verifier, never sent to the browser. */
    oidcPending: import('./server/http/oidc').PendingSignIn;
    /** The ID token of a sign-in with the company's account, for offering the provider's sign-out. */
    oidcIdToken: string;
  }
}

// Lets plain `tsc` type-check .ts files that import components; `astro check` reads the components themselves.
declare module '*.astro' {
  const Component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default Component;
}
