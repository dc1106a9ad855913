import { startBenchBridge } from './bench-bridge.ts';
import { lighthouseBench } from './lighthouse.ts';
import { printTable } from './table.ts';

/** `npm run bench:lighthouse`: the Lighthouse row of `npm run bench` alone, on the demo room of the built app. */
const demo = await startBenchBridge();
try {
  printTable([await lighthouseBench(`${demo.url}/`)]);
} finally {
  await demo.stop();
}
