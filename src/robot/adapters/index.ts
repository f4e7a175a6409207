/** The adapter of each booking system named in the registry. */
import type { BookingSystem } from '../../lib/registry.ts';
import type { Adapter } from './adapter.ts';
import { probeLegacyBooking } from './legacy-booking.ts';
import { probeRdvPrefecture } from './rdv-prefecture.ts';

export const ADAPTERS: Record<BookingSystem, Adapter> = {
  'legacy-booking': probeLegacyBooking,
  'rdv-prefecture': probeRdvPrefecture,
};
