// Fails when no probe round has been recorded for 3 hours (see src/pipeline/heartbeat.ts).
import { dataDirectory } from '../src/lib/data-directory.ts';
import { heartbeatFailure } from '../src/pipeline/heartbeat.ts';

const failure = heartbeatFailure(dataDirectory(), new Date());
if (failure === null) console.log('The robot is alive: a probe round was recorded in the last 3 hours.');
else {
  console.log(`::error title=Silent robot::${failure}`);
  process.exitCode = 1;
}
