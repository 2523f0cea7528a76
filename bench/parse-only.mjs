// The baseline: what Node needs just to read a JSON Lines file and JSON.parse every line (same chunked reader).
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const decoder = new StringDecoder('utf8');
let pending = '';
let parsed = 0;
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1 << 20 })) {
  const text = pending + decoder.write(chunk);
  let start = 0;
  let end = text.indexOf('\n', start);
  while (end !== -1) {
    const line = text.slice(start, end);
    if (line.length > 0 && JSON.parse(line)) parsed++;
    start = end + 1;
    end = text.indexOf('\n', start);
  }
  pending = text.slice(start);
}
process.stderr.write(`parsed ${parsed}\n`);
