/**
 * What a month page cites as its data version: the version of that month's
 * file (src/lib/month-version.ts), closed or not, with the words that say
 * whether it can still change.
 */
import type { ProcedureData } from '../lib/dataset.ts';
import { isClosedMonth } from '../lib/month-version.ts';

export interface MonthCitationVersion {
  /** Short SHA-256 of the month's file. */
  value: string;
  /** What it is the version of, for the citation block. */
  explanation: string;
  /** True when the month is closed: its numbers will never change. */
  closed: boolean;
}

/** The citation version of one procedure-month. */
export function monthCitationVersion(
  data: ProcedureData,
  month: string,
  compiledAt: number | null,
): MonthCitationVersion {
  const value = data.monthVersions[month];
  if (value === undefined)
    throw new Error(`no month file ${month} for ${data.procedure.department}/${data.procedure.slug}`);
  const closed = isClosedMonth(month, compiledAt);
  const explanation = closed
    ? 'empreinte SHA-256 du fichier de ce mois ; le mois est clos, elle ne changera plus'
    : 'empreinte SHA-256 du fichier de ce mois ; elle change à chaque sondage jusqu’à la fin du mois';
  return { value, explanation, closed };
}
