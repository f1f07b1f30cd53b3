// Entry point of `npx sessionscope`; the logic is in cli-main.ts so tests can call it.
import { main } from './cli-main.js';

process.exitCode = main(process.argv.slice(2));
