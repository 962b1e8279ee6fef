/**
 * The "remind me to change back" file: one all-day event on the campaign's end date, as iCalendar
 * (RFC 5545) text that every calendar app imports. Made in the page, so nothing is fetched.
 */

export interface Reminder {
  /** The day, `YYYY-MM-DD`, as in the preset's `page.until`. */
  date: string;
  /** The event's title and text, in the reader's language. */
  title: string;
  text: string;
  /** A unique id for the event (a calendar replaces an event it has seen with the same id). */
  uid: string;
  /** When the file is made: iCalendar's required DTSTAMP. */
  now: Date;
}

/**
 * The days a reminder can be on: iCalendar writes years of four digits (RFC 5545 3.3.4), and the
 * all-day event ends on the next day, so the last is 9999-12-30; the first is the first day of
 * year 1 (there is no year 0 in the Gregorian calendar).
 */
export const FIRST_REMINDER_DAY = '0001-01-01';
export const LAST_REMINDER_DAY = '9999-12-30';

/** Midnight UTC of a day; unlike Date.UTC, years 0 to 99 are those years, not 1900 to 1999. */
function utcDay(year: number, month: number, day: number): Date {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

/** `YYYY-MM-DD` of a real day (no 31 April): `page.until`'s form. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const day = utcDay(y, m, d);
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

/** RFC 5545 3.3.11: backslash, semicolon, comma and newline are escaped in TEXT. */
const escapeText = (text: string) => text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

/** Bytes of one code point in UTF-8. */
const utf8Length = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/** RFC 5545 3.1: lines longer than 75 octets are folded (CRLF and a space), never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0)!);
    const limit = parts.length === 0 ? 75 : 74; // a continuation line starts with its space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const compactDate = (date: string) => date.replace(/-/g, '');
const utcStamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The next day, `YYYYMMDD`: an all-day event's DTEND is exclusive. */
function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return utcDay(y, m, d + 1).toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * The calendar file's text: an all-day event on `date` with an alarm at 9:00 that morning.
 *
 * @example reminderCalendar({ date: '2027-01-31', title: 'Change your profile picture back', text: '…', uid: 'x@redframe', now: new Date() })
 */
export function reminderCalendar(reminder: Reminder): string {
  const { date } = reminder;
  if (!isCalendarDate(date) || date < FIRST_REMINDER_DAY || date > LAST_REMINDER_DAY) {
    throw new Error(`Expected a day from ${FIRST_REMINDER_DAY} to ${LAST_REMINDER_DAY} as YYYY-MM-DD for the reminder but received ${date}`);
  }
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//redframe//campaign page//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeText(reminder.uid)}`,
    `DTSTAMP:${utcStamp(reminder.now)}`,
    `DTSTART;VALUE=DATE:${compactDate(reminder.date)}`,
    `DTEND;VALUE=DATE:${nextDay(reminder.date)}`,
    `SUMMARY:${escapeText(reminder.title)}`,
    `DESCRIPTION:${escapeText(reminder.text)}`,
    'TRANSP:TRANSPARENT',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${escapeText(reminder.title)}`,
    'TRIGGER;RELATED=START:PT9H',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
