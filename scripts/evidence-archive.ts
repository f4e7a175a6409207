// The monthly evidence archive: month | bundle | record (see src/robot/evidence-archive-cli.ts).
import { runEvidenceArchive } from '../src/robot/evidence-archive-cli.ts';

process.exitCode = await runEvidenceArchive(process.argv.slice(2));
