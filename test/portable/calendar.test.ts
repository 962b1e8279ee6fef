import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { isCalendarDate, reminderCalendar } from '../../src/portable/calendar.js';

const reminder = {
  date: '2027-01-31',
  title: 'أعِد صورتك الشخصية المعتادة',
  text: 'La campagne est terminée : il est temps, vraiment; de remettre votre photo\\ habituelle, '.repeat(3),
  uid: 'a1b2c3@redframe',
  now: new Date(Date.UTC(2026, 11, 4, 19, 5, 7)),
};

describe('reminderCalendar', () => {
  it('writes one all-day event on the day, with a morning alarm, that a real iCalendar parser reads back', () => {
    const text = reminderCalendar(reminder);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe(reminder.title);
    expect(event.description).toBe(reminder.text);
    expect(event.uid).toBe(reminder.uid);
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe('2027-01-31');
    expect(event.endDate.toString()).toBe('2027-02-01');
    const alarm = calendar.getFirstSubcomponent('vevent')!.getFirstSubcomponent('valarm')!;
    expect(alarm.getFirstPropertyValue('trigger')!.toString()).toBe('PT9H');
    expect(event.component.getFirstPropertyValue('dtstamp')!.toString()).toBe('2026-12-04T19:05:07Z');
  });

  it('folds long lines at 75 octets with CRLF, never inside a character', () => {
    const text = reminderCalendar(reminder);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text).not.toContain('\uFFFD');
  });

  it('ends on the next day across a month and a leap day', () => {
    expect(reminderCalendar({ ...reminder, date: '2028-02-28' })).toContain('DTEND;VALUE=DATE:20280229');
    expect(reminderCalendar({ ...reminder, date: '2027-12-31' })).toContain('DTEND;VALUE=DATE:20280101');
  });

  it('ends 9999-12-30 on the last day iCalendar can write, and refuses 9999-12-31 (its next day is in the year 10000)', () => {
    expect(reminderCalendar({ ...reminder, date: '9999-12-30' })).toContain('DTEND;VALUE=DATE:99991231');
    expect(() => reminderCalendar({ ...reminder, date: '9999-12-31' })).toThrow('Expected a day from 0001-01-01 to 9999-12-30 as YYYY-MM-DD for the reminder but received 9999-12-31');
  });

  it('reads years 1 to 99 as those years, not as 1901 to 1999', () => {
    expect(['0004-02-29', '0099-12-31'].map(isCalendarDate)).toEqual([true, true]);
    expect(isCalendarDate('0003-02-29')).toBe(false);
    expect(reminderCalendar({ ...reminder, date: '0099-12-31' })).toContain('DTEND;VALUE=DATE:01000101');
  });

  it('takes only real days', () => {
    expect(['2027-01-31', '2028-02-29'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2027-02-29', '2027-04-31', '27-01-31', '2027-1-3', '2027-01-31T00:00'].map(isCalendarDate)).toEqual([false, false, false, false, false]);
    expect(() => reminderCalendar({ ...reminder, date: '2027-02-30' })).toThrow(/YYYY-MM-DD/);
  });
});
