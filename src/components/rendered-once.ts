import { perBuild } from '../domain/memo';

/** The HTML of content bodies, rendered once per build and shared by every request (RenderOnce.astro). */
export const renderedOnce = perBuild<Promise<string>>();
