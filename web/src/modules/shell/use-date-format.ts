import { useMemo } from 'react';
import { browserTimeZone, type DateTimeOptions, formatDateTime, formatTime } from '../../lib/format';
import { useFacilityScope } from './facility-context';

type Opts = Omit<DateTimeOptions, 'timeZone'>;

/** Date formatting in the selected facility's zone, labelled when it is not the browser's zone. */
export function useDateFormat() {
  const { timeZone } = useFacilityScope();
  return useMemo(
    () => ({
      timeZone,
      zoneDiffers: timeZone !== browserTimeZone(),
      dateTime: (v: string | Date | null | undefined, o: Opts = {}) => formatDateTime(v, { timeZone, ...o }),
      time: (v: string | Date, o: Opts = {}) => formatTime(v, { timeZone, ...o }),
    }),
    [timeZone],
  );
}
