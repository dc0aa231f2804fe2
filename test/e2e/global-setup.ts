import { ensureChromium } from '../../scripts/chromium.mjs';

export default function globalSetup() {
  ensureChromium();
}
