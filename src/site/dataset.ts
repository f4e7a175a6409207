/**
 * The dataset the site is built from, loaded once per build. `npm run build`
 * loads and validates it before Astro starts (so a data error stops the build
 * with `file:line: message` before anything is written) and hands it over
 * through a global slot; a bare `astro build` or `astro dev` loads it here.
 */
import { dataDirectory } from '../lib/data-directory.ts';
import { loadDataset, type Dataset } from '../lib/dataset.ts';
import { MonthStore } from './month-store.ts';

const SLOT = Symbol.for('guichets-fermes.dataset');

type DatasetHolder = { [SLOT]?: Dataset };

const STORE = Symbol.for('guichets-fermes.month-store');

type StoreHolder = { [STORE]?: MonthStore };

/** Hands the build's month store (src/site/month-store.ts) to the pages about to be built. */
export function provideMonthStore(store: MonthStore): void {
  (globalThis as StoreHolder)[STORE] = store;
}

/** The build's month store; a bare `astro build` or `astro dev` gets one without a cache. */
export function monthStore(): MonthStore {
  const holder = globalThis as StoreHolder;
  holder[STORE] ??= new MonthStore(null);
  return holder[STORE];
}

/** Makes a validated dataset available to the pages about to be built. */
export function provideDataset(dataset: Dataset): void {
  (globalThis as DatasetHolder)[SLOT] = dataset;
}

/** The dataset of `DATA_DIR`, loaded at most once per process. */
export function getDataset(): Dataset {
  const holder = globalThis as DatasetHolder;
  const dataDir = dataDirectory();
  if (holder[SLOT]?.dataDir !== dataDir) holder[SLOT] = loadDataset(dataDir);
  return holder[SLOT]!;
}

/**
 * Static paths of every page made per procedure (its page, letter, evidence
 * pack): one per registered procedure, with its data as props.
 */
export function procedureStaticPaths() {
  return getDataset().procedures.map((data) => ({
    params: { department: data.procedure.department, slug: data.procedure.slug },
    props: { data },
  }));
}
