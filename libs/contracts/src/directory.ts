import type { Attendance, Certification, Contact, EnterpriseSize, Localized, Page, ProductLine } from './index';

/** One participant of an event as the directory shows it: an approved registration and its enterprise's public profile. */
export interface DirectoryEntryView {
  registrationId: string;
  side: string;
  venue: { id: string; name: string; city: string };
  attendance: Attendance;
  /** Saved by the registration the directory is browsed as. */
  favourite: boolean;
  enterprise: {
    id: string;
    name: Localized;
    country: string;
    region: string;
    sectors: string[];
    offers: ProductLine[];
    needs: ProductLine[];
    certifications: Certification[];
    languages: string[];
    website?: string;
    size?: EnterpriseSize;
    description: Localized;
    /** Only as the privacy rule allows: members, the event's staff, accepted partners. */
    contact?: Contact;
  };
}

export interface DirectoryPage extends Page<DirectoryEntryView> {
  /** The sides this viewer may browse (the other one, and its own if the organizers open it). */
  sides: string[];
}

export interface DirectorySettingsView {
  /** Enterprises also see their own side (default: only the other side). */
  ownSide: boolean;
}
