// Records volunteers' observations from blocks or a saved slot page (see src/pipeline/observe-cli.ts).
import { runObserve } from '../src/pipeline/observe-cli.ts';

process.exitCode = await runObserve(process.argv.slice(2), process.env);
