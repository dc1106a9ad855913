/** Dates and numbers on the admin page, through Intl in the admin's own time zone. */
export function createAdminFormat(locale: string) {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const number = new Intl.NumberFormat(locale);
  return {
    dateTime: (iso: string) => dateTime.format(Date.parse(iso)),
    number: (n: number) => number.format(n),
  };
}

export type AdminFormat = ReturnType<typeof createAdminFormat>;
