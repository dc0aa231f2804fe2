// What the end-to-end server's stand-in Bitrix24 holds (test/e2e/server.mjs fills it at start): a small
// department's month before the server's, and the figures the tests expect from it. Run by Node as it
// is, without a build.
import type { TestBitrix24 } from '../bitrix24-api.ts';

/**
 * The CRM's users: three who are Salesbook people by name (two trainees, whose position has no bonus
 * scheme, and a manager, whose scheme needs receivables paid on time), and an integration that is nobody.
 */
export const CRM_USERS = [
  { ID: '7', NAME: 'Алексей', LAST_NAME: 'Смирнов', ACTIVE: true },
  { ID: '9', NAME: 'Мария', LAST_NAME: 'Волкова', ACTIVE: true },
  { ID: '11', NAME: 'Дмитрий', LAST_NAME: 'Орлов', ACTIVE: true },
  { ID: '15', NAME: 'Интеграция', LAST_NAME: '1С', ACTIVE: true },
];

export const MARGIN_FIELD = 'UF_CRM_1700000001';
/** A deal field with the share of the client's receivables paid on time, in percent. */
export const RECEIVABLES_FIELD = 'UF_CRM_1700000002';

/** The month's figures of each person, as the preview shows them. */
export const EXPECTED = {
  trainee1: { revenue: 1_440_000, margin: 345_600, deals: 2, leads: 8 },
  trainee2: { revenue: 960_000, margin: 230_400, deals: 1, leads: 5 },
  mentor1: { revenue: 2_000_000, margin: 500_000, deals: 2, leads: 10 },
};
/** The manager's receivables paid on time: the average over their two deals won. */
export const MENTOR1_RECEIVABLES = 93;

/** Fills the stand-in with `month` (YYYY-MM): deals won at noon on days 10 to 12, in Yekaterinburg. */
export function fillCompany(api: TestBitrix24, month: string): void {
  const on = (day: number) => `${month}-${String(day).padStart(2, '0')}T12:00:00+05:00`;
  const deal = (id: string, user: string, amount: number, margin: number, day: number, receivables?: number) => ({
    ID: id,
    ASSIGNED_BY_ID: user,
    OPPORTUNITY: amount.toFixed(2),
    CURRENCY_ID: 'RUB',
    STAGE_SEMANTIC_ID: 'S',
    CLOSEDATE: on(day),
    [MARGIN_FIELD]: `${margin}|RUB`,
    ...(receivables === undefined ? {} : { [RECEIVABLES_FIELD]: String(receivables) }),
  });
  api.users = CRM_USERS;
  api.customFields = { [MARGIN_FIELD]: { type: 'money', title: 'Маржа' }, [RECEIVABLES_FIELD]: { type: 'double', title: 'Дебиторка в срок, %' } };
  api.deals = [
    deal('401', '7', 900_000, 216_000, 10),
    deal('402', '7', 540_000, 129_600, 11),
    deal('403', '9', 960_000, 230_400, 12),
    deal('405', '11', 1_200_000, 300_000, 10, 90),
    deal('406', '11', 800_000, 200_000, 12, 96),
    // The integration's deal is nobody's in Salesbook.
    deal('404', '15', 50_000, 5_000, 12),
  ];
  api.leads = [
    ...Array.from({ length: 8 }, (_, i) => ({ ID: String(500 + i), ASSIGNED_BY_ID: '7', STATUS_SEMANTIC_ID: 'P', DATE_CREATE: on(3) })),
    ...Array.from({ length: 5 }, (_, i) => ({ ID: String(600 + i), ASSIGNED_BY_ID: '9', STATUS_SEMANTIC_ID: 'P', DATE_CREATE: on(4) })),
    ...Array.from({ length: 10 }, (_, i) => ({ ID: String(700 + i), ASSIGNED_BY_ID: '11', STATUS_SEMANTIC_ID: 'P', DATE_CREATE: on(5) })),
  ];
}
