import { describe, expect, it } from 'vitest';
import { contentLang } from '../../src/i18n/format';
import { describeIssue } from '../../src/schemas/error-map';
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
