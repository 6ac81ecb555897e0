// browser.mjs: Debian's Chromium, headless, driven by playwright-core (no browser download), with
// WebGL2 on SwiftShader. Shared by the end-to-end tests and the browser benchmark. (Playwright
// starts Chromium with a fresh temporary profile of its own every time.)
import { chromium } from 'playwright-core';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.KNOBS_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run', ...(process.env.KNOBS_CHROMIUM_ARGS ? process.env.KNOBS_CHROMIUM_ARGS.split(' ') : [])],
  });
}

// Opens the app and waits for window.knobs (unless options.knobs === false: a host page); collects console errors and page errors.
export async function openApp(browser, url, options = {}) {
  const context = await browser.newContext({ viewport: options.viewport || { width: 1440, height: 900 },
                                             deviceScaleFactor: options.deviceScaleFactor || 1, acceptDownloads: true,
                                             hasTouch: !!options.hasTouch, isMobile: !!options.hasTouch,
                                             // The offline service worker only where a test asks for it: page.route()
                                             // cannot see the requests a service worker makes.
                                             serviceWorkers: options.serviceWorkers || 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(url);
  if (options.knobs !== false) await page.waitForFunction(() => window.knobs !== undefined, null, { timeout: 60000 });
  return { context, page, errors };
}
