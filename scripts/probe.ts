/** `npm run probe`: one round of the robot over DATA_DIR's registry (see src/robot/cli.ts). */
import { main } from '../src/robot/cli.ts';

process.exitCode = await main(process.argv.slice(2));
