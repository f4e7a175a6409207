/**
 * A calendar day as the data files write it (`YYYY-MM-DD`), one schema for
 * the registry's since/until and the probes' slot dates, so that both refuse
 * an impossible day such as 2023-02-29 with the same words.
 */
import { z } from 'zod';
import { isCalendarDay } from './calendar.ts';

/** An existing day `YYYY-MM-DD`, or empty where the column is optional. */
export const optionalDaySchema = z
  .string()
  .refine((value) => value === '' || isCalendarDay(value), 'must be an existing day written YYYY-MM-DD');
