/**
 * Keeps the site build's month cache (src/site/month-store.ts, the directory
 * `$STATS_CACHE_DIR`) from one workflow run to the next, in the Actions cache.
 * Run by actions/github-script before and after `npm run build`: github-script
 * is a JavaScript action, so it holds the runner's cache credentials, and it is
 * already pinned, whereas actions/cache has no verified commit to pin. Plain
 * JavaScript because github-script imports it as it is.
 *
 * One snapshot per month and per version of the code that makes the entries:
 * the first build of a month saves it, the month's later builds restore it and
 * recompute only the months in progress (a snapshot cannot be overwritten, and
 * saving some hundred megabytes every hour would churn the repository's 10 GB
 * of cache). Without an exact snapshot, the latest one of the same code, then
 * of any code, is restored: entries of other code are never used (their key
 * differs) but the digests by git blob id still save reading closed months.
 * A failed restore or save is a warning, never a failed build: the cache only
 * saves time.
 */
import * as actionsCache from '@actions/cache';

/**
 * What the script uses of github-script's `core` and of @actions/cache.
 * @typedef {{ info: (message: string) => void, warning: (message: string) => void }} Log
 * @typedef {Pick<typeof actionsCache, 'isFeatureAvailable' | 'restoreCache' | 'saveCache'>} CacheService
 */

/** Start of every key; bumped if the directory's layout changes in a way entries cannot tell. */
export const KEY_PREFIX = 'guichets-fermes-months-v1-';

/**
 * The key of the snapshot for `code` (a hash of the sources that make the
 * entries) in the UTC month of `now`. The UTC month turns an hour or two after
 * the Paris one: the month just closed is final in the snapshot.
 */
export function monthCacheKey(/** @type {string} */ code, now = new Date()) {
  return `${KEY_PREFIX}${code}-${now.toISOString().slice(0, 7)}`;
}

/** Keys tried after the exact one, most useful first (the service takes the latest entry of a prefix). */
export function fallbackKeys(/** @type {string} */ code) {
  return [`${KEY_PREFIX}${code}-`, KEY_PREFIX];
}

/** The message of anything thrown. */
function reason(/** @type {unknown} */ error) {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Restores the latest snapshot into `directory`; returns the key restored, or
 * '' when none was (absent, no cache service, an error, told as a warning).
 * @param {{ core: Log, directory?: string, code?: string, cache?: CacheService, now?: Date }} options
 * @returns {Promise<string>}
 */
export async function restoreMonthCache({
  core,
  directory = process.env.STATS_CACHE_DIR,
  code = process.env.MONTH_CACHE_CODE,
  cache = actionsCache,
  now = new Date(),
}) {
  if (!directory || !code) {
    core.warning('month cache not restored: STATS_CACHE_DIR or MONTH_CACHE_CODE is not set');
    return '';
  }
  if (!cache.isFeatureAvailable()) {
    core.info('no Actions cache service here: the build computes every month');
    return '';
  }
  try {
    const restored = await cache.restoreCache([directory], monthCacheKey(code, now), fallbackKeys(code));
    core.info(
      restored ? `month cache restored from ${restored}` : 'no month cache yet: the build computes every month',
    );
    return restored ?? '';
  } catch (error) {
    core.warning(`month cache not restored (${reason(error)}): the build computes every month`);
    return '';
  }
}

/**
 * Saves `directory` as this month's snapshot unless it was restored from it;
 * returns whether it was saved. A failure (another run saved it first, no
 * service, quota) is a warning.
 * @param {{ core: Log, restored?: string, directory?: string, code?: string, cache?: CacheService, now?: Date }} options
 * @returns {Promise<boolean>}
 */
export async function saveMonthCache({
  core,
  restored = process.env.MONTH_CACHE_RESTORED ?? '',
  directory = process.env.STATS_CACHE_DIR,
  code = process.env.MONTH_CACHE_CODE,
  cache = actionsCache,
  now = new Date(),
}) {
  if (!directory || !code) {
    core.warning('month cache not saved: STATS_CACHE_DIR or MONTH_CACHE_CODE is not set');
    return false;
  }
  const key = monthCacheKey(code, now);
  if (restored === key) {
    core.info(`month cache ${key} already saved: kept as it is`);
    return false;
  }
  if (!cache.isFeatureAvailable()) {
    core.info('no Actions cache service here: month cache not saved');
    return false;
  }
  try {
    await cache.saveCache([directory], key);
    core.info(`month cache saved as ${key}`);
    return true;
  } catch (error) {
    core.warning(`month cache not saved (${reason(error)}): the next build computes more months`);
    return false;
  }
}
