import { addDays, startOfDay } from './calendar';

// Working days as Russian companies count them: Monday to Friday, less public holidays and the days
// off the government moves each year, plus the Saturdays it makes working days in exchange. The
// years Salesbook knows come from the government's decrees (below); a company adds a later year, or
// corrects one, in the content folder's calendar.yaml (docs/authoring.md#production-calendar).

/** One year of the production calendar: the dates that differ from "Monday to Friday work". */
export interface ProductionYear {
  /** Non-working days: public holidays and transferred days off, `YYYY-MM-DD`. */
  holidays: readonly string[];
  /** Saturdays and Sundays that are working days because a day off was moved from them. */
  workdays: readonly string[];
}

/**
 * The Russian production calendar (производственный календарь) as the government's yearly decrees on
 * moving days off set it for 2024, 2025 and 2026: 248, 247 and 247 working days. Each year lists its
 * non-working weekdays and its working weekend days.
 */
export const RUSSIAN_PRODUCTION_CALENDAR: Readonly<Record<number, ProductionYear>> = {
  2024: {
    holidays: [
      '2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08',
      '2024-02-23', '2024-03-08', '2024-04-29', '2024-04-30', '2024-05-01', '2024-05-09', '2024-05-10',
      '2024-06-12', '2024-11-04', '2024-12-30', '2024-12-31',
    ],
    workdays: ['2024-04-27', '2024-11-02', '2024-12-28'],
  },
  2025: {
    holidays: [
      '2025-01-01', '2025-01-02', '2025-01-03', '2025-01-06', '2025-01-07', '2025-01-08',
      '2025-05-01', '2025-05-02', '2025-05-08', '2025-05-09', '2025-06-12', '2025-06-13',
      '2025-11-03', '2025-11-04', '2025-12-31',
    ],
    workdays: ['2025-11-01'],
  },
  2026: {
    holidays: [
      '2026-01-01', '2026-01-02', '2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09',
      '2026-02-23', '2026-03-09', '2026-05-01', '2026-05-11', '2026-06-12', '2026-11-04', '2026-12-31',
    ],
    workdays: [],
  },
};

/**
 * The public holidays of article 112 of the Labour Code, as `MM-DD`: what a year without a decree
 * falls back to. New Year's holidays run from 1 to 8 January.
 */
const STATUTORY_HOLIDAYS = ['01-01', '01-02', '01-03', '01-04', '01-05', '01-06', '01-07', '01-08', '02-23', '03-08', '05-01', '05-09', '06-12', '11-04'];

const weekdayOf = (day: string) => new Date(startOfDay(day)).getUTCDay();
const isWeekend = (day: string) => {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
};

/**
 * A year no decree is known for, by the Labour Code alone: its holidays, and a holiday that falls on
 * a Saturday or Sunday moves to the next working day (article 112), except January's, whose days
 * off only a decree moves.
 */
export function statutoryYear(year: number): ProductionYear {
  const holidays = new Set(STATUTORY_HOLIDAYS.map((date) => `${year}-${date}`));
  for (const holiday of [...holidays].sort()) {
    if (holiday.slice(5, 7) === '01' || !isWeekend(holiday)) continue;
    let moved = addDays(holiday, 1);
    while (isWeekend(moved) || holidays.has(moved)) moved = addDays(moved, 1);
    holidays.add(moved);
  }
  return { holidays: [...holidays].filter((day) => !isWeekend(day)).sort(), workdays: [] };
}

/** Working-day arithmetic over one production calendar. */
export class WorkingCalendar {
  readonly #years = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();
  readonly #known: ReadonlySet<number>;

  /** `years`: the calendar's years by number; a year not given follows the Labour Code alone. */
  constructor(years: Readonly<Record<number, ProductionYear>>) {
    this.#known = new Set(Object.keys(years).map(Number));
    for (const [year, data] of Object.entries(years)) this.#years.set(Number(year), { holidays: new Set(data.holidays), workdays: new Set(data.workdays) });
  }

  /** Whether a decree (built in, or from calendar.yaml) is known for `year`. */
  knows(year: number): boolean {
    return this.#known.has(year);
  }

  #year(year: number) {
    let found = this.#years.get(year);
    if (!found) {
      const data = statutoryYear(year);
      found = { holidays: new Set(data.holidays), workdays: new Set(data.workdays) };
      this.#years.set(year, found);
    }
    return found;
  }

  /** Whether `day` (`YYYY-MM-DD`) is a working day. */
  isWorkingDay(day: string): boolean {
    const year = this.#year(Number(day.slice(0, 4)));
    if (year.workdays.has(day)) return true;
    return !isWeekend(day) && !year.holidays.has(day);
  }

  /**
   * The day on which `count` working days after `day` have passed: the `count`-th working day after
   * it (`day` itself not counted). With 0, `day` itself when it is a working day, else the next one.
   */
  addWorkingDays(day: string, count: number): string {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`addWorkingDays counts whole days from 0; it was given ${count}.`);
    let current = day;
    if (count === 0) {
      while (!this.isWorkingDay(current)) current = addDays(current, 1);
      return current;
    }
    for (let left = count; left > 0; ) {
      current = addDays(current, 1);
      if (this.isWorkingDay(current)) left -= 1;
    }
    return current;
  }

  /** Working days after `from` up to and including `to`; negative when `to` is earlier. */
  workingDaysBetween(from: string, to: string): number {
    if (to < from) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let current = addDays(from, 1); current <= to; current = addDays(current, 1)) if (this.isWorkingDay(current)) count += 1;
    return count;
  }
}

/** The built-in calendar with a company's years (from calendar.yaml) in place of the same years. */
export function workingCalendar(companyYears: Readonly<Record<number, ProductionYear>> = {}): WorkingCalendar {
  return new WorkingCalendar({ ...RUSSIAN_PRODUCTION_CALENDAR, ...companyYears });
}
