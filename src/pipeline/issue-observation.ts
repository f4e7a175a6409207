/**
 * The observation workflow's two steps (`.github/workflows/observation.yml`):
 *
 * - `record`: reads the issue from the event payload file (`$GITHUB_EVENT_PATH`,
 *   never from a workflow expression or a shell argument), finds exactly one
 *   observation block in its body, judges it and appends one validated row.
 *   The decision is written to a JSON file for the second step.
 * - `answer`: comments on the issue (accepted, with a link to the procedure
 *   page; or refused, with the reason) and closes it.
 *
 * The issue body is untrusted: only the block's strictly shaped values are
 * read from it, and no comment ever repeats its text.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as github from '@actions/github';
import { z } from 'zod';
import { registryPath } from '../lib/data-directory.ts';
import { parseObservationFile } from '../lib/observation.ts';
import { readBlocks } from '../lib/observation-block.ts';
import { parseRegistry } from '../lib/registry.ts';
import { recordObservation } from '../robot/observation-store.ts';
import { procedureObservationsPath, procedurePath } from '../site/paths.ts';

/** The label that marks an observation issue (set by the issue form). */
const OBSERVATION_LABEL = 'observation';

/** The part of the `issues` event payload the workflow reads. */
const issueEventSchema = z.object({
  issue: z.object({
    /** Issue number: the observation's reference. */
    number: z.number().int().positive(),
    /** The body as the author wrote it (untrusted). */
    body: z.string().nullable(),
    /** When the issue was opened (ISO 8601). */
    created_at: z.string(),
    /** The author, for the limit per account and hour. */
    user: z.object({ login: z.string() }),
    /** Labels on the issue. */
    labels: z.array(z.object({ name: z.string() })),
  }),
  /** The repository; its website setting gives the site's address. */
  repository: z.object({ homepage: z.string().nullish() }).optional(),
});
export type IssueEvent = z.infer<typeof issueEventSchema>;

/** What the `record` step decided, handed to the `answer` step. */
export interface Decision {
  issue: number;
  accepted: boolean;
  /** The comment to post (Markdown, built only from validated values). */
  comment: string;
}

/**
 * The site's public address of a page, from the repository's website
 * setting (`homepage`, e.g. `https://example.github.io/guichets-fermes/`);
 * null when the repository names none: no address is ever guessed.
 */
function sitePageUrl(pagePath: string, homepage: string | null | undefined): string | null {
  if (!homepage || !/^https:\/\/[^\s"'<>()[\]]+$/.test(homepage)) return null;
  return `${homepage.replace(/\/+$/, '')}${pagePath}`;
}

/** The references (`issue:{n}`) already stored anywhere, so that editing an accepted issue adds nothing. */
function storedReferences(dataDir: string): Set<string> {
  const references = new Set<string>();
  const root = path.join(dataDir, 'observations');
  if (!existsSync(root)) return references;
  for (const department of readdirSync(root).filter((name) => !name.startsWith('.'))) {
    for (const slug of readdirSync(path.join(root, department)).filter((name) => !name.startsWith('.'))) {
      const directory = path.join(root, department, slug);
      for (const name of readdirSync(directory).filter((entry) => /^\d{4}-\d{2}\.csv$/.test(entry))) {
        const file = path.join(directory, name);
        for (const observation of parseObservationFile(readFileSync(file, 'utf8'), file, name.slice(0, 7)).observations)
          references.add(observation.reference);
      }
    }
  }
  return references;
}

const SIGNATURE = '\n\n_Réponse automatique du flux d’ingestion des observations de Guichets fermés._';

/**
 * Judges the observation of an issue and records it when accepted.
 * `accountReportsInLastHour`: the author's other observation issues opened in
 * the hour before this one.
 */
export async function recordIssueObservation(
  event: IssueEvent,
  dataDir: string,
  now: Date,
  accountReportsInLastHour: number,
): Promise<Decision> {
  const { number } = event.issue;
  const reference = `issue:${number}`;
  const refused = (reason: string): Decision => ({
    issue: number,
    accepted: false,
    comment: `Merci pour cette observation. Elle n’a pas pu être enregistrée : ${reason}.\n\nVous pouvez corriger le bloc en modifiant cette issue : elle sera relue automatiquement.${SIGNATURE}`,
  });
  if (storedReferences(dataDir).has(reference)) {
    return {
      issue: number,
      accepted: false,
      comment: `Cette observation est déjà enregistrée ; une modification de l’issue n’en ajoute pas une deuxième.${SIGNATURE}`,
    };
  }
  const readings = readBlocks(event.issue.body ?? '');
  if (readings.length === 0)
    return refused(
      'aucun bloc d’observation n’a été trouvé dans le texte de l’issue (il commence par la ligne « -----DEBUT OBSERVATION GUICHETS FERMES----- »)',
    );
  if (readings.length > 1)
    return refused('l’issue contient plusieurs blocs ; une issue ne peut porter qu’une observation');
  const [reading] = readings as [(typeof readings)[number]];
  if (!reading.ok) return refused(`le bloc est illisible (${reading.reason})`);
  const procedures = parseRegistry(readFileSync(registryPath(dataDir), 'utf8'), registryPath(dataDir));
  const judged = await recordObservation(dataDir, reading.block, {
    procedures,
    now,
    reference,
    accountReportsInLastHour,
  });
  if (!judged.ok) return refused(judged.refusal.message);
  const pagePath = procedurePath(judged.procedure);
  const url = sitePageUrl(procedureObservationsPath(judged.procedure), event.repository?.homepage);
  const where = url ? `[la page de la démarche](${url})` : `la page de la démarche (\`${pagePath}\`)`;
  const seen =
    reading.block.outcome === 'slots'
      ? `première date proposée : ${reading.block.first_date.split('-').reverse().join('/')}`
      : 'aucun créneau proposé';
  return {
    issue: number,
    accepted: true,
    comment: `Merci ! Observation enregistrée pour « ${judged.procedure.procedure} » (${judged.procedure.prefecture}) : ${seen}. Elle apparaîtra sur ${where} à la prochaine mise à jour du site.${SIGNATURE}`,
  };
}

/** Counts the author's other observation issues opened in the hour before this one. */
async function authorReportsInLastHour(event: IssueEvent, token: string): Promise<number> {
  const octokit = github.getOctokit(token);
  const { owner, repo } = github.context.repo;
  const created = Date.parse(event.issue.created_at);
  const since = new Date(created - 3_600_000).toISOString();
  const issues = await octokit.rest.issues.listForRepo({
    owner,
    repo,
    creator: event.issue.user.login,
    labels: OBSERVATION_LABEL,
    state: 'all',
    since,
    per_page: 100,
  });
  return issues.data.filter(
    (other) =>
      other.number !== event.issue.number &&
      Date.parse(other.created_at) > created - 3_600_000 &&
      Date.parse(other.created_at) <= created,
  ).length;
}

/** Reads the event payload file; null when it is not an issue carrying the observation label. */
export function readIssueEvent(eventPath: string): IssueEvent | null {
  const event = issueEventSchema.safeParse(JSON.parse(readFileSync(eventPath, 'utf8')));
  if (!event.success) return null;
  return event.data.issue.labels.some((label) => label.name === OBSERVATION_LABEL) ? event.data : null;
}

/** `record DECISION_FILE` and `answer DECISION_FILE`, as the workflow runs them. */
export async function runIssueStep(
  argv: readonly string[],
  environment: NodeJS.ProcessEnv,
  dataDir: string,
): Promise<number> {
  const [step, decisionFile] = argv;
  const token = environment.GITHUB_TOKEN;
  if ((step !== 'record' && step !== 'answer') || !decisionFile || !token || !environment.GITHUB_EVENT_PATH) {
    process.stderr.write(
      'usage: GITHUB_TOKEN=… GITHUB_EVENT_PATH=… tsx scripts/observation-issue.ts record|answer DECISION_FILE\n',
    );
    return 2;
  }
  const event = readIssueEvent(environment.GITHUB_EVENT_PATH);
  if (event === null) {
    process.stdout.write('not an observation issue: nothing to do\n');
    return 0;
  }
  if (step === 'record') {
    const decision = await recordIssueObservation(
      event,
      dataDir,
      new Date(),
      await authorReportsInLastHour(event, token),
    );
    writeFileSync(decisionFile, JSON.stringify(decision));
    process.stdout.write(`issue #${decision.issue}: ${decision.accepted ? 'accepted' : 'refused'}\n`);
    return 0;
  }
  const decision = JSON.parse(readFileSync(decisionFile, 'utf8')) as Decision;
  if (decision.issue !== event.issue.number) throw new Error('the decision file is not about this issue');
  const octokit = github.getOctokit(token);
  const { owner, repo } = github.context.repo;
  await octokit.rest.issues.createComment({ owner, repo, issue_number: decision.issue, body: decision.comment });
  await octokit.rest.issues.update({
    owner,
    repo,
    issue_number: decision.issue,
    state: 'closed',
    state_reason: decision.accepted ? 'completed' : 'not_planned',
  });
  return 0;
}
