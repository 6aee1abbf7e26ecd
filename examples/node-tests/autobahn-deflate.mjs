// Autobahn|Testsuite sections 12 and 13 (permessage-deflate), redone with the `ws` client, because
// the Maven plugin's bundled testsuite (0.6.4) predates them. Same cases as autobahntestsuite's
// case12_x_x.py: 12.j.i sends 1000 messages of the size of row i (with auto-fragmentation) cut from
// test data set j, with the default offer; 13.j.i does the same with the JSON data set and offer j.
// Each message must come back with the same type and bytes, in time; then we close with 1000 and
// expect the server's Close with 1000. Writes OUTDIR/index.json in the testsuite's format.
//
//   node autobahn-deflate.mjs PORT TESTDATA_DIR OUTDIR CASE_PATTERN...   (patterns like 12.1.* or 13.*)
//
// Differences from the Python original, none of which the server can tell apart from a client's
// legitimate choice: fragments cut the uncompressed message (ws compresses each fragment; the
// original cuts the compressed bytes); case 13.7 sends only its first offer (ws makes one offer;
// the server accepts the first acceptable offer, and it accepts that one).
import WebSocket from 'ws';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [portArg, testdata, outdir, ...patterns] = process.argv.slice(2);
if (!portArg || !testdata || !outdir || patterns.length === 0) {
  console.error('usage: node autobahn-deflate.mjs PORT TESTDATA_DIR OUTDIR CASE_PATTERN...');
  process.exit(2);
}
const url = `ws://127.0.0.1:${Number(portArg)}/`;
const AGENT = 'mummy (ws permessage-deflate client)';

// (payload length, message count, case timeout in seconds, auto-fragment size), as in the testsuite
const MSG_SIZES = [
  [16, 1000, 60, 0], [64, 1000, 60, 0], [256, 1000, 120, 0], [1024, 1000, 240, 0],
  [4096, 1000, 480, 0], [8192, 1000, 480, 0], [16384, 1000, 480, 0], [32768, 1000, 480, 0],
  [65536, 1000, 480, 0], [131072, 1000, 480, 0],
  [8192, 1000, 480, 256], [16384, 1000, 480, 256], [32768, 1000, 480, 256], [65536, 1000, 480, 256],
  [131072, 1000, 480, 256], [131072, 1000, 480, 1024], [131072, 1000, 480, 4096], [131072, 1000, 480, 32768],
];
const DATA_SETS = [
  { file: 'data1.json', binary: false },          // 12.1: large JSON data file (utf8)
  { file: 'lena512.bmp', binary: true },          // 12.2: Lena picture, bitmap 512x512 bw
  { file: 'pg2229.txt', binary: true },           // 12.3: Goethe's Faust I (German), sent as binary
  { file: 'data1.html', binary: false },          // 12.4: large HTML file (utf8)
  { file: '10.1.1.105.5439.pdf', binary: true },  // 12.5: a larger PDF
];
// 13.1-13.7: (server_no_context_takeover, server_max_window_bits) the client requests; every offer
// also says client_no_context_takeover and client_max_window_bits, like the testsuite's.
const OFFERS = [[false, 0], [true, 0], [false, 9], [false, 15], [true, 9], [true, 15], [true, 9]];

const cases = [];
DATA_SETS.forEach((data, j) => MSG_SIZES.forEach((size, i) =>
  cases.push({ id: `12.${j + 1}.${i + 1}`, data, size, offer: [false, 0] })));
OFFERS.forEach((offer, j) => MSG_SIZES.forEach((size, i) =>
  cases.push({ id: `13.${j + 1}.${i + 1}`, data: DATA_SETS[0], size, offer })));

const glob = pattern => new RegExp('^' + pattern.replace(/\./g, '\\.').replace(/\*/g, '.*') + '$');
const selected = cases.filter(c => patterns.some(p => glob(p).test(c.id)));

const units = new Map();

/** The testsuite's message cutter: LEN bytes (characters, for text) from a wrapping pointer. */
function cutter(data, length) {
  if (!units.has(data.file)) {
    const whole = readFileSync(join(testdata, data.file));
    units.set(data.file, data.binary ? whole : [...whole.toString('utf8')]);
  }
  const unit = units.get(data.file);
  let pointer = 0;
  return () => {
    const to = (pointer + length) % unit.length;
    const part = to > pointer ? unit.slice(pointer, to) : [...unit.slice(pointer), ...unit.slice(0, to)];
    pointer = to;
    return data.binary ? Buffer.from(part) : Buffer.from(part.join(''), 'utf8');
  };
}

function runCase(c) {
  const [length, count, waitSecs, fragment] = c.size;
  const [serverNoContextTakeover, serverMaxWindowBits] = c.offer;
  const next = cutter(c.data, length);
  const started = Date.now();
  const result = { behavior: 'FAILED', behaviorClose: 'FAILED', remoteCloseCode: null, result: '' };
  return new Promise(resolve => {
    const ws = new WebSocket(url, {
      perMessageDeflate: {
        threshold: 0, clientNoContextTakeover: true, clientMaxWindowBits: true,
        serverNoContextTakeover, serverMaxWindowBits: serverMaxWindowBits || undefined,
      },
      maxPayload: 0,
    });
    let sent = 0;
    let expected;
    let expectedLength;
    const timer = setTimeout(() => {
      result.result = `case did not finish within ${waitSecs} s (${sent} of ${count} messages sent)`;
      ws.terminate();
    }, waitSecs * 1000);
    const sendOne = () => {
      const message = next();
      sent++;
      expected = createHash('sha1').update(message).digest('hex');
      expectedLength = message.length;
      if (fragment === 0 || message.length <= fragment) {
        ws.send(message, { binary: c.data.binary, compress: true, fin: true });
        return;
      }
      for (let from = 0; from < message.length; from += fragment) {
        const last = from + fragment >= message.length;
        ws.send(message.subarray(from, from + fragment), { binary: c.data.binary, compress: true, fin: last });
      }
    };
    ws.on('open', () => {
      if (!ws.extensions.includes('permessage-deflate')) {
        result.behavior = 'UNIMPLEMENTED';
        result.result = 'permessage-deflate was not negotiated';
        ws.close(1000);
        return;
      }
      result.result = `negotiated: ${ws.extensions}`;
      sendOne();
    });
    ws.on('message', (data, isBinary) => {
      const hash = createHash('sha1').update(data).digest('hex');
      if (isBinary !== c.data.binary || data.length !== expectedLength || hash !== expected) {
        result.result = `echo ${sent} differs: binary ${isBinary}, ${data.length} bytes, SHA-1 ${hash};`
          + ` sent binary ${c.data.binary}, ${expectedLength} bytes, SHA-1 ${expected}`;
        ws.close(1000);
      } else if (sent < count) {
        sendOne();
      } else {
        result.behavior = 'OK';
        result.result += `; received all ${count} echoed messages`;
        ws.close(1000);
      }
    });
    ws.on('error', error => { result.result += `; error: ${error.message}`; });
    ws.on('close', code => {
      clearTimeout(timer);
      result.remoteCloseCode = code;
      // the closing handshake completed when the server's Close frame carried our 1000 back
      result.behaviorClose = code === 1000 ? 'OK' : 'FAILED';
      result.duration = Date.now() - started;
      resolve(result);
    });
  });
}

const report = {};
const begin = Date.now();
for (const c of selected) {
  const r = await runCase(c);
  report[c.id] = { behavior: r.behavior, behaviorClose: r.behaviorClose, duration: r.duration,
    remoteCloseCode: r.remoteCloseCode, reportfile: null, result: r.result };
  console.log(`${c.id} ${r.behavior} ${r.behaviorClose} ${r.duration} ms ${r.behavior === 'OK' ? '' : r.result}`);
}
mkdirSync(outdir, { recursive: true });
writeFileSync(join(outdir, 'index.json'), JSON.stringify({ [AGENT]: report }, null, 2) + '\n');
const ok = Object.values(report).filter(r => r.behavior === 'OK' && r.behaviorClose === 'OK').length;
console.log(`${selected.length} cases in ${Date.now() - begin} ms: ${ok} OK, ${selected.length - ok} not OK`);
