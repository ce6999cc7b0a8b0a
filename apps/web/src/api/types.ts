import type { Localized } from '@tradebridge/contracts';

/** Request shapes the web app sends that libs/contracts does not export yet. */
export type { ReportView } from '@tradebridge/contracts';

export type ReportFormat = 'json' | 'csv' | 'xlsx' | 'pdf';

export interface EventInput {
  name: Localized;
  timezone: string;
  startsAt: string;
  endsAt: string;
  sides: [string, string];
  slotMinutes?: number;
  walkInRegistration?: boolean;
}

export interface VenueInput {
  name: string;
  city: string;
  country: string;
  timezone: string;
  kind: 'main' | 'satellite' | 'online';
  capacity: number;
  tables: number;
}

export interface RoomInput {
  name: Localized;
  sectorCodes: string[];
  capacity: number;
}
