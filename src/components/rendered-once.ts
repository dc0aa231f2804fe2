import { perContent } from '../domain/memo';

/** The HTML of content bodies, rendered once per content served and shared by every request (RenderOnce.astro). */
export const renderedOnce = perContent<Promise<string>>();
