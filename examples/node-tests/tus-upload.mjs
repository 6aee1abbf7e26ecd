// Uploads a file to TusServer with tus-js-client (its Node HTTP stack) in several PATCH requests,
// aborts the upload while its third PATCH is under way, then resumes it with a new Upload from the
// stored upload URL: tus-js-client asks the server for the offset with HEAD and sends the rest.
// Usage: node tus-upload.mjs PORT FILE. Prints what happens; the last line is "tus test passed".
// Exits with 1 and the error on any failure.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import tus from 'tus-js-client';

const [port, file] = process.argv.slice(2);
const endpoint = `http://127.0.0.1:${port}/files/`;
const data = readFileSync(file);
const chunkSize = 256 * 1024;
const metadata = { filename: basename(file), filetype: 'application/octet-stream' };

function timeout(ms, what) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms).unref());
}

// First attempt: abort as soon as the third PATCH has been handed to the HTTP stack.
async function startAndAbort() {
  let patches = 0;
  const done = new Promise((resolve, reject) => {
    const upload = new tus.Upload(data, {
      endpoint, chunkSize, metadata, retryDelays: null,
      onBeforeRequest(request) {
        if (request.getMethod() === 'PATCH' && ++patches === 3) {
          setImmediate(() => upload.abort().then(() => resolve(upload.url), reject));
        }
      },
      onChunkComplete(size, accepted, total) {
        console.log(`first attempt: chunk stored, ${accepted} of ${total} bytes`);
      },
      onSuccess() {
        reject(new Error('the first attempt finished before it was aborted'));
      },
      onError: reject,
    });
    upload.start();
  });
  const url = await Promise.race([done, timeout(30_000, 'the first attempt')]);
  console.log(`aborted during PATCH ${patches}; upload URL ${url}`);
  return url;
}

// Second attempt: a new Upload that knows only the URL, as after a page reload or a restart.
async function resume(uploadUrl) {
  let resumedFrom = null;
  let patches = 0;
  const done = new Promise((resolve, reject) => {
    const upload = new tus.Upload(data, {
      endpoint, uploadUrl, chunkSize, metadata, retryDelays: [100, 300, 1000],
      onAfterResponse(request, response) {
        if (request.getMethod() === 'HEAD' && resumedFrom === null) {
          resumedFrom = Number(response.getHeader('Upload-Offset'));
        }
      },
      onBeforeRequest(request) {
        if (request.getMethod() === 'PATCH') {
          patches++;
        } else if (request.getMethod() === 'POST') {
          reject(new Error('the resumed upload created a new upload instead of resuming'));
        }
      },
      onSuccess() {
        resolve(upload.url);
      },
      onError: reject,
    });
    upload.start();
  });
  const url = await Promise.race([done, timeout(60_000, 'the resumed upload')]);
  if (url !== uploadUrl) {
    throw new Error(`resumed at ${url}, not ${uploadUrl}`);
  }
  if (!(resumedFrom > 0)) {
    throw new Error(`the resumed upload started at offset ${resumedFrom}, expected more than 0`);
  }
  console.log(`resumed from offset ${resumedFrom} with ${patches} PATCH requests`);
}

try {
  console.log(`uploading ${data.length} bytes in chunks of ${chunkSize} to ${endpoint}`);
  const url = await startAndAbort();
  await resume(url);
  console.log('tus test passed');
} catch (error) {
  console.error(`tus test failed: ${error.stack || error}`);
  process.exit(1);
}
