// Checks an evidence archive, and month files' evidence_sha256 against it (see src/robot/evidence-verify.ts).
import { runVerifyEvidence } from '../src/robot/evidence-archive-cli.ts';

process.exitCode = await runVerifyEvidence(process.argv.slice(2));
