// Two real Chromium pages chat through ChatServer: node chat-test.mjs PORT [SCREENSHOT.png]
// Debian's chromium (/usr/bin/chromium), driven by playwright-core; nothing is downloaded.
// Prints one line per step; exits 0 when every step passed, 1 with the reason otherwise.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';

const port = Number(process.argv[2]);
const screenshot = process.argv[3];
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node chat-test.mjs PORT [SCREENSHOT.png]');
  process.exit(2);
}
const url = `http://127.0.0.1:${port}/`;
const STEP_TIMEOUT = 10_000;

const userDataDir = mkdtempSync(joinPath(tmpdir(), 'mummy-chat-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 640, height: 520 },
});

async function enter(name) {
  const page = await context.newPage();
  page.on('pageerror', error => console.log(`${name}: page error: ${error.message}`));
  await page.goto(url);
  await page.fill('#name', name);
  await page.click('#join button');
  await page.waitForSelector('#say:not([hidden])', { timeout: STEP_TIMEOUT });
  return page;
}

async function say(page, text) {
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
}

/** Waits until the page's log has this exact line. */
async function sees(page, who, line) {
  await page.waitForFunction(
    expected => [...document.querySelectorAll('#log li')].some(li => li.textContent === expected),
    line, { timeout: STEP_TIMEOUT });
  console.log(`${who} sees "${line}"`);
}

let failed = false;
try {
  const alice = await enter('alice');
  await sees(alice, 'alice', '* alice joined');
  const bob = await enter('bob');
  await sees(bob, 'bob', '* bob joined');
  await sees(alice, 'alice', '* bob joined');

  await say(alice, 'Hello Bob, this goes through Mummy ✓');
  await sees(bob, 'bob', 'alice: Hello Bob, this goes through Mummy ✓');
  await sees(alice, 'alice', 'alice: Hello Bob, this goes through Mummy ✓');
  await say(bob, 'Hi Alice! Both tabs get every message.');
  await sees(alice, 'alice', 'bob: Hi Alice! Both tabs get every message.');
  await sees(bob, 'bob', 'bob: Hi Alice! Both tabs get every message.');

  const lines = await alice.$$eval('#log li', items => items.map(li => li.textContent));
  const expected = ['* alice joined', '* bob joined', 'alice: Hello Bob, this goes through Mummy ✓',
    'bob: Hi Alice! Both tabs get every message.'];
  if (JSON.stringify(lines) !== JSON.stringify(expected)) {
    throw new Error(`alice's log is ${JSON.stringify(lines)}, expected ${JSON.stringify(expected)}`);
  }
  console.log("alice's log has every line once, in order");
  if (screenshot) {
    await alice.screenshot({ path: screenshot });
    console.log(`screenshot ${screenshot}`);
  }

  await bob.close();
  await sees(alice, 'alice', '* bob left');
  console.log('chat test passed');
} catch (error) {
  failed = true;
  console.log(`chat test FAILED: ${error.message}`);
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
