/** Child process of bounded-reads.test.ts: indexes the folder in argv[2], prints the page count. */
import { createWikiIndex } from '../../server/wiki/wiki-index.ts';

const index = createWikiIndex({ dir: process.argv[2] as string });
await index.refresh();
process.stdout.write(`${index.all().length}\n`);
