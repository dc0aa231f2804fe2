import { describe, expect, it } from 'vitest';
import { contentLang } from '../../src/i18n/format';
import { describeIssue, problemsFromZod } from '../../src/schemas/error-map';
import { siteSchema } from '../../src/schemas/site';

describe('the content language and the time zone in site.yaml', () => {
  it('mark content only where its language differs from the interface’s', () => {
    expect(contentLang('ru', 'en')).toBe('ru');
    expect(contentLang('en', 'ru')).toBe('en');
    expect(contentLang('ru', 'ru')).toBeUndefined();
  });

  it('default to Russian content and Moscow time', () => {
    expect(siteSchema.parse({ company: 'ООО «Пример»' })).toMatchObject({ contentLocale: 'ru', timeZone: 'Europe/Moscow' });
    expect(siteSchema.parse({ company: 'x', timeZone: 'Asia/Yekaterinburg' }).timeZone).toBe('Asia/Yekaterinburg');
  });

  it('refuse a time zone Intl does not know, saying how one is written', () => {
    const input = { company: 'x', timeZone: 'Екатеринбург' };
    const result = siteSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(describeIssue(result.error!.issues[0]!, input)).toBe(
      'часовой пояс пишется по базе IANA, как «Europe/Moscow» или «Asia/Yekaterinburg»; записано «Екатеринбург».',
    );
  });
});

describe('the deadlines in site.yaml', () => {
  it('default to five working days to confirm, three and three more before mentors and heads hear, 14 days’ notice of a review and ten to renew an expired pass', () => {
    expect(siteSchema.parse({ company: 'x' }).deadlines).toEqual({ confirmWorkingDays: 5, escalateAfterDays: 3, escalateToHeadsAfterDays: 3, reviewNoticeDays: 14, renewWorkingDays: 10 });
    expect(siteSchema.parse({ company: 'x', deadlines: { confirmWorkingDays: 10 } }).deadlines).toEqual({ confirmWorkingDays: 10, escalateAfterDays: 3, escalateToHeadsAfterDays: 3, reviewNoticeDays: 14, renewWorkingDays: 10 });
    expect(siteSchema.parse({ company: 'x', deadlines: { reviewNoticeDays: 0 } }).deadlines.reviewNoticeDays).toBe(0);
    expect(siteSchema.safeParse({ company: 'x', deadlines: { reviewNoticeDays: 91 } }).success).toBe(false);
    expect(siteSchema.parse({ company: 'x', deadlines: { renewWorkingDays: 15 } }).deadlines.renewWorkingDays).toBe(15);
  });

  it('refuse a count that is not a whole number of days from 1 to 60, and a field they do not know', () => {
    for (const deadlines of [{ confirmWorkingDays: 0 }, { escalateAfterDays: 2.5 }, { escalateToHeadsAfterDays: 61 }, { renewWorkingDays: 0 }, { renewWorkingDays: 61 }, { confirmDays: 5 }]) {
      const input = { company: 'x', deadlines };
      const result = siteSchema.safeParse(input);
      expect(result.success, JSON.stringify(deadlines)).toBe(false);
      expect(describeIssue(result.error!.issues[0]!, input), JSON.stringify(deadlines)).toMatch(/\S/);
    }
    const input = { company: 'x', deadlines: { confirmWorkingDays: 0 } };
    expect(describeIssue(siteSchema.safeParse(input).error!.issues[0]!, input)).toMatchInlineSnapshot(`"значение должно быть не меньше 1."`);
    const unknown = { company: 'x', deadlines: { confirmDays: 5 } };
    expect(describeIssue(siteSchema.safeParse(unknown).error!.issues[0]!, unknown)).toMatchInlineSnapshot(`"незнакомое поле «confirmDays». Проверьте написание: возможно, это опечатка."`);
  });
});

describe('the limit of trainees per mentor in site.yaml', () => {
  it('is unset unless the company sets it', () => {
    expect(siteSchema.parse({ company: 'x' }).policies.maxTraineesPerMentor).toBeUndefined();
    expect(siteSchema.parse({ company: 'x', policies: { maxTraineesPerMentor: 2 } }).policies).toMatchObject({ maxTraineesPerMentor: 2, minCertifiedPerSkill: 2 });
  });

  it('refuses a limit that is not a whole number of people from 1 to 50, as the content check says it', () => {
    const problems = [0, 2.5, 51, 'два'].flatMap((maxTraineesPerMentor) => {
      const input = { company: 'x', policies: { maxTraineesPerMentor } };
      const result = siteSchema.safeParse(input);
      expect(result.success).toBe(false);
      return problemsFromZod(result.error!, 'site.yaml', input).map((p) => `${p.file} › ${p.field}: ${p.message}`);
    });
    expect(problems).toMatchInlineSnapshot(`
      [
        "site.yaml › policies.maxTraineesPerMentor: значение должно быть не меньше 1.",
        "site.yaml › policies.maxTraineesPerMentor: нужно целое число.",
        "site.yaml › policies.maxTraineesPerMentor: значение должно быть не больше 50.",
        "site.yaml › policies.maxTraineesPerMentor: здесь нужно число, а записано «два».",
      ]
    `);
  });
});

describe('the expiry notice in site.yaml', () => {
  it('tells people 30 days ahead unless the site says otherwise', () => {
    expect(siteSchema.parse({ company: 'x' }).policies.expiryNoticeDays).toBe(30);
    expect(siteSchema.parse({ company: 'x', policies: { expiryNoticeDays: 14 } }).policies).toMatchObject({ expiryNoticeDays: 14, minCertifiedPerSkill: 2 });
  });

  it('refuses a notice that is not a whole number of days from 1 to 365, saying what it must be', () => {
    const message = (value: unknown) => {
      const input = { company: 'x', policies: { expiryNoticeDays: value } };
      const result = siteSchema.safeParse(input);
      expect(result.success).toBe(false);
      return describeIssue(result.error!.issues[0]!, input);
    };
    expect(message(0)).toBe('значение должно быть не меньше 1.');
    expect(message(366)).toBe('значение должно быть не больше 365.');
    expect(message('месяц')).toBe('здесь нужно число, а записано «месяц».');
  });
});
