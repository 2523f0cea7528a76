/** What the time analyses need from a contractor's claims: where they say they are, and when they say they work. */
export interface ClaimedTime {
  timezone: string;
  businessHours: { startMinutes: number; endMinutes: number; days: readonly number[] };
  /** True when no source gave business hours and 09:00–17:00 Mon–Fri was assumed. */
  businessHoursDefaulted: boolean;
}
