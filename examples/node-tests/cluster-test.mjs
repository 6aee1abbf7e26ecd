// Two real Chromium pages chat through nginx (wss://) with two ClusterChat instances, one page on
// each: node cluster-test.mjs HTTPS_URL [SCREENSHOT.png]
// Debian's chromium (/usr/bin/chromium), driven by playwright-core; the certificate is the one
// the test made, accepted with --ignore-certificate-errors for this browser only.
// Steps: alice and bob join (bob again until nginx's least_conn puts him on the other instance),
// exchange a line each way; then the script prints "kill NAME" (alice's instance) and waits for a
// line "killed" on stdin (the Java test kills that instance by its PID meanwhile); alice's page must
// reconnect through nginx to the other instance by itself, and both go on chatting.
// Prints one line per step; exits 0 when every step passed, 1 with the reason otherwise.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { createInterface } from 'node:readline';

const url = process.argv[2];
const screenshot = process.argv[3];
if (!url || !url.startsWith('https://')) {
  console.error('usage: node cluster-test.mjs HTTPS_URL [SCREENSHOT.png]');
  process.exit(2);
}
const STEP_TIMEOUT = 15_000;
const RECONNECT_TIMEOUT = 30_000;
const stdinLines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

const userDataDir = mkdtempSync(joinPath(tmpdir(), 'mummy-cluster-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  ignoreHTTPSErrors: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--ignore-certificate-errors', '--disable-background-networking', '--disable-component-update',
    '--disable-sync'],
  viewport: { width: 640, height: 560 },
});

/** Opens the page, joins as name and waits until it is connected; returns the page and its instance. */
async function enter(name) {
  const page = await context.newPage();
  page.on('pageerror', error => console.log(`${name}: page error: ${error.message}`));
  await page.goto(url);
  await page.fill('#name', name);
  await page.click('#join button');
  await page.waitForFunction(() => document.body.dataset.state === 'connected', null, { timeout: STEP_TIMEOUT });
  const instance = await page.evaluate(() => document.body.dataset.instance);
  console.log(`${name} joined on instance ${instance} over ${await page.evaluate(() => location.protocol)}`);
  return { page, instance };
}

async function say(page, text) {
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
}

/** Waits until the page's log has this exact line. */
async function sees(page, who, line, timeout = STEP_TIMEOUT) {
  await page.waitForFunction(
    expected => [...document.querySelectorAll('#log li')].some(li => li.textContent === expected),
    line, { timeout });
  console.log(`${who} sees "${line}"`);
}

let failed = false;
try {
  const alice = await enter('alice');
  let bob = await enter('bob');
  for (let tries = 1; bob.instance === alice.instance; tries++) {
    if (tries === 5) throw new Error(`bob reached alice's instance ${alice.instance} five times`);
    await bob.page.close();
    bob = await enter('bob');
  }
  await sees(alice.page, 'alice', '* bob joined');
  await say(alice.page, 'Hello Bob, from the other instance ✓');
  await sees(bob.page, 'bob', 'alice: Hello Bob, from the other instance ✓');
  await say(bob.page, 'Hi Alice! Redis carried this.');
  await sees(alice.page, 'alice', 'bob: Hi Alice! Redis carried this.');

  console.log(`kill ${alice.instance}`);
  const reply = await stdinLines.next();
  if (reply.done || reply.value.trim() !== 'killed') throw new Error(`expected "killed" on stdin, got ${JSON.stringify(reply.value)}`);
  await alice.page.waitForFunction(
    gone => document.body.dataset.state === 'connected' && document.body.dataset.instance !== gone
      && Number(document.body.dataset.connects) >= 2,
    alice.instance, { timeout: RECONNECT_TIMEOUT });
  const now = await alice.page.evaluate(() => document.body.dataset.instance);
  console.log(`alice reconnected by herself to instance ${now}`);
  await sees(bob.page, 'bob', '* alice joined');
  await say(alice.page, 'Still here after my instance died');
  await sees(bob.page, 'bob', 'alice: Still here after my instance died');
  await say(bob.page, 'Welcome back');
  await sees(alice.page, 'alice', 'bob: Welcome back');
  if (screenshot) {
    await alice.page.screenshot({ path: screenshot });
    console.log(`screenshot ${screenshot}`);
  }
  console.log('cluster browser test passed');
} catch (error) {
  failed = true;
  console.log(`cluster browser test FAILED: ${error.message}`);
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
