const VN_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Việt Nam (UTC+7), as YYYY-MM-DD: "today" and year boundaries are Vietnamese. */
export function todayInVietnam(now: Date = new Date()): string {
  return VN_DAY.format(now);
}
