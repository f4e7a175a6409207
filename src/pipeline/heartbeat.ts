/**
 * The heartbeat: has any probe round been recorded in the last hours? Run on
 * its own schedule (heartbeat.yml), from the committed data, so that a robot
 * whose workflow stopped running entirely is still noticed: the check fails,
 * and GitHub notifies the repository's watchers of the failed run.
 */
import { healthLines, robotHealth } from './health-report.ts';

/** Null when the robot is alive, else why the check fails. */
export function heartbeatFailure(dataDir: string, now: Date): string | null {
  const robot = robotHealth(healthLines(dataDir, now), now);
  return robot?.kind === 'silent' ? robot.message : null;
}
