import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUSSIAN_PRODUCTION_CALENDAR, statutoryYear, workingCalendar } from '../../src/domain/working-days';
import { readContentFolder } from '../../src/content-check/folder';
import { validateContent } from '../../src/content-check/validate';
import { addDays } from '../../src/domain/calendar';

// Dates here are fixed on purpose: they are the production calendar's own facts, not "today".
const calendar = workingCalendar();

describe('working days by the Russian production calendar', () => {
  it('each built-in year has the number of working days the government set', () => {
    for (const [year, expected] of [[2024, 248], [2025, 247], [2026, 247]] as const) {
      expect(calendar.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`), String(year)).toBe(expected);
    }
  });

  it('skips a weekend', () => {
    // Friday 13 November 2026, five working days on: Monday to Friday of the next week.
    expect(calendar.addWorkingDays('2026-11-13', 1)).toBe('2026-11-16');
    expect(calendar.addWorkingDays('2026-11-13', 5)).toBe('2026-11-20');
    // Assigned on a Saturday: the count starts on Monday.
    expect(calendar.addWorkingDays('2026-11-14', 1)).toBe('2026-11-16');
    expect(calendar.isWorkingDay('2026-11-14')).toBe(false);
    expect(calendar.isWorkingDay('2026-11-15')).toBe(false);
  });

  it('skips the New Year holidays and a public holiday in the week', () => {
    // Tuesday 30 December 2025: the 31st and 1–11 January 2026 are days off.
    expect(calendar.addWorkingDays('2025-12-30', 1)).toBe('2026-01-12');
    // Tuesday 3 November 2026: Wednesday the 4th is National Unity Day.
    expect(calendar.addWorkingDays('2026-11-03', 1)).toBe('2026-11-05');
    // Friday 20 February 2026: Monday the 23rd is Defender of the Fatherland Day.
    expect(calendar.addWorkingDays('2026-02-20', 5)).toBe('2026-03-02');
  });

  it('moves a holiday that falls on a weekend to the next weekday, as the decree says', () => {
    // 8 March 2026 is a Sunday: Monday the 9th is the day off.
    expect(calendar.isWorkingDay('2026-03-09')).toBe(false);
    // 9 May 2026 is a Saturday: Monday the 11th is the day off.
    expect(calendar.addWorkingDays('2026-05-08', 1)).toBe('2026-05-12');
  });

  it('counts a Saturday made a working day by a transfer', () => {
    // Saturday 1 November 2025 was worked, and Monday the 3rd was off in exchange.
    expect(calendar.isWorkingDay('2025-11-01')).toBe(true);
    expect(calendar.isWorkingDay('2025-11-03')).toBe(false);
    expect(calendar.addWorkingDays('2025-10-31', 1)).toBe('2025-11-01');
    expect(calendar.addWorkingDays('2025-10-31', 2)).toBe('2025-11-05');
    // Saturday 27 April 2024 was worked before the long May weekend.
    expect(calendar.addWorkingDays('2024-04-26', 2)).toBe('2024-05-02');
  });

  it('with 0 days, a working day is its own due date and a day off moves to the next working day', () => {
    expect(calendar.addWorkingDays('2026-11-18', 0)).toBe('2026-11-18');
    expect(calendar.addWorkingDays('2026-01-01', 0)).toBe('2026-01-12');
    expect(() => calendar.addWorkingDays('2026-11-18', -1)).toThrow(/whole days from 0/);
  });

  it('counts working days between two dates either way', () => {
    expect(calendar.workingDaysBetween('2026-11-13', '2026-11-20')).toBe(5);
    expect(calendar.workingDaysBetween('2026-11-20', '2026-11-13')).toBe(-5);
    expect(calendar.workingDaysBetween('2026-11-18', '2026-11-18')).toBe(0);
  });

  it('a year no decree is known for follows the Labour Code: holidays on weekdays, weekend ones moved on', () => {
    expect(calendar.knows(2026)).toBe(true);
    expect(calendar.knows(2031)).toBe(false);
    const year = statutoryYear(2031);
    // 2031: 23 February is a Sunday, so Monday the 24th is off; 8 March is a Saturday, so Monday the 10th;
    // 1 January is a Wednesday; January's weekend holidays (4 and 5) are not moved without a decree.
    expect(year.holidays).toEqual(expect.arrayContaining(['2031-01-01', '2031-01-08', '2031-02-24', '2031-03-10', '2031-06-12', '2031-11-04']));
    expect(year.holidays).not.toContain('2031-01-04');
    expect(calendar.isWorkingDay('2031-02-24')).toBe(false);
    expect(calendar.isWorkingDay('2031-02-25')).toBe(true);
    for (const day of year.holidays) expect([0, 6], day).not.toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
  });

  it("a company's year from calendar.yaml replaces the built-in one whole", () => {
    const company = workingCalendar({ 2026: { holidays: ['2026-11-18'], workdays: ['2026-11-21'] } });
    expect(company.knows(2026)).toBe(true);
    expect(company.isWorkingDay('2026-11-18')).toBe(false);
    expect(company.isWorkingDay('2026-11-21')).toBe(true);
    // The built-in 2026 no longer applies: 4 November is an ordinary Wednesday in this company's year.
    expect(company.isWorkingDay('2026-11-04')).toBe(true);
    expect(calendar.isWorkingDay('2026-11-04')).toBe(false);
  });

  it('every built-in working weekend day is a Saturday or Sunday, and every holiday is in its year', () => {
    for (const [year, data] of Object.entries(RUSSIAN_PRODUCTION_CALENDAR)) {
      for (const day of data.workdays) expect([0, 6], day).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
      for (const day of [...data.holidays, ...data.workdays]) expect(day.slice(0, 4)).toBe(year);
      // Every day of the year is a working day or not, and the count matches a walk day by day.
      let working = 0;
      for (let day = `${year}-01-01`; day.startsWith(year); day = addDays(day, 1)) if (calendar.isWorkingDay(day)) working += 1;
      expect(working).toBe(calendar.workingDaysBetween(`${Number(year) - 1}-12-31`, `${year}-12-31`));
    }
  });
});

describe('calendar.yaml in the content folder', () => {
  const fixture = resolve('test/fixtures/content');

  function problemsWith(data: unknown, locale: 'ru' | 'en' = 'ru') {
    const raw = readContentFolder(fixture, locale);
    raw.calendar = { file: 'calendar.yaml', id: 'calendar', data };
    const checked = validateContent(raw, locale);
    return { problems: checked.problems.map((p) => `${p.file} › ${p.field}: ${p.message}`), calendar: checked.content.calendar };
  }

  it('is optional: without it, no company years', () => {
    const raw = readContentFolder(fixture, 'ru');
    raw.calendar = undefined;
    expect(validateContent(raw, 'ru').content.calendar).toEqual({ years: {} });
  });

  it('a good year is read as written', () => {
    const { problems, calendar: read } = problemsWith({ years: { 2027: { holidays: ['2027-01-01'], workdays: ['2027-01-09'] } } });
    expect(problems).toEqual([]);
    expect(read.years['2027']).toEqual({ holidays: ['2027-01-01'], workdays: ['2027-01-09'] });
  });

  it('names each mistake with its field, in the site language', () => {
    const { problems } = problemsWith({
      years: {
        27: { holidays: [] },
        2027: { holidays: ['2027-02-30', '2028-01-03', '2027-01-09'], workdays: ['2027-01-11', '2027-01-09'] },
      },
    });
    expect(problems).toMatchInlineSnapshot(`
      [
        "calendar.yaml › years.2027.holidays[1]: нужна дата в виде 2026-03-01, а записано «2027-02-30».",
      ]
    `);
    const second = problemsWith({
      years: { 27: { holidays: [] }, 2027: { holidays: ['2028-01-03', '2027-01-09'], workdays: ['2027-01-11', '2027-01-09'] } },
    }, 'en');
    expect(second.problems).toMatchInlineSnapshot(`
      [
        "calendar.yaml › years.27: a year is written as four digits, such as «2027:»; it says «27».",
        "calendar.yaml › years.2027.holidays[1]: 2028-01-03 is not in 2027: move it to its own year.",
        "calendar.yaml › years.2027.workdays[1]: 2027-01-11 is not a Saturday or Sunday: workdays lists only weekend days made working days by a transfer.",
        "calendar.yaml › years.2027.workdays[2]: 2027-01-09 is in both holidays and workdays: keep it in one of the two.",
      ]
    `);
  });
});
