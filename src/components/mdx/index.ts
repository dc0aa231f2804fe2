import Callout from './Callout.astro';
import Say from './Say.astro';
import Steps from './Steps.astro';

/** Components authors may use in any document, script or lesson without importing them. */
export const mdxComponents = { Callout, Say, Steps };
