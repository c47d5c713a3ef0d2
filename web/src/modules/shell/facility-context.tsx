import type { Facility } from '@clinicops/contracts';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { browserTimeZone } from '../../lib/format';
import { useSession } from '../auth';

// The facility the user is looking at ("All facilities" or one of theirs). It decides the time
// zone every date is shown in, and survives reloads per user on this browser.

export const ALL_FACILITIES = 'all';

export type FacilityScope = {
  /** A facility id, or ALL_FACILITIES. */
  facilityId: string;
  facility: Facility | null;
  facilities: readonly Facility[];
  setFacilityId: (id: string) => void;
  /** The IANA zone dates are shown in. */
  timeZone: string;
};

const FacilityContext = createContext<FacilityScope | null>(null);

const storageKey = (userId: string) => `clinicops.facility.${userId}`;

function readStored(userId: string): string | null {
  try {
    return window.localStorage.getItem(storageKey(userId));
  } catch {
    return null; // storage can be disabled by policy on shared front-desk machines
  }
}

/** With several facilities in one zone, "All facilities" still has an unambiguous zone. */
function zoneOf(facility: Facility | null, facilities: readonly Facility[]): string {
  if (facility) return facility.timeZone;
  const zones = new Set(facilities.map((f) => f.timeZone));
  const [only] = zones;
  return zones.size === 1 && only ? only : browserTimeZone();
}

export function FacilityProvider({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const facilities = me.facilities;
  const [chosen, setChosen] = useState<string | null>(() => readStored(me.user.id));

  const facilityId = useMemo(() => {
    if (chosen === ALL_FACILITIES) return ALL_FACILITIES;
    if (chosen && facilities.some((f) => f.id === chosen)) return chosen;
    // Someone with one facility has nothing to choose between.
    return facilities.length === 1 && facilities[0] ? facilities[0].id : ALL_FACILITIES;
  }, [chosen, facilities]);

  const setFacilityId = useCallback(
    (id: string) => {
      setChosen(id);
      try {
        window.localStorage.setItem(storageKey(me.user.id), id);
      } catch {
        // keep the choice for this tab only
      }
    },
    [me.user.id],
  );

  const value = useMemo<FacilityScope>(() => {
    const facility = facilities.find((f) => f.id === facilityId) ?? null;
    return { facilityId, facility, facilities, setFacilityId, timeZone: zoneOf(facility, facilities) };
  }, [facilityId, facilities, setFacilityId]);

  return <FacilityContext.Provider value={value}>{children}</FacilityContext.Provider>;
}

export function useFacilityScope(): FacilityScope {
  const v = useContext(FacilityContext);
  if (!v) throw new Error('useFacilityScope() used outside <FacilityProvider>');
  return v;
}
