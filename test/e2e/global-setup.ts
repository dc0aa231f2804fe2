import { requireChromium } from '../../scripts/chromium.mjs';

export default function globalSetup() {
  requireChromium();
}
