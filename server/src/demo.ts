// The demo office that `npm start` seeds into an empty store: a Social Security branch staffed as
// the SSO circular asks (premium collection, insured affairs, registration and individual accounts
// with the renewal of medical booklets, pensions, administration and finance), six counters with
// overlapping sub-services, an admin, a supervisor and six clerks, and one kiosk, display and bridge.
import { createHash, randomBytes } from 'node:crypto';
import {
  BranchConfig,
  type BranchConfigInput,
  type InfoPackage,
  type Organisation,
  type Phrase,
  type ProvincialOffice,
  toPersianDigits,
} from '@nobat/protocol';
import { demoDeviceToken } from '@nobat/protocol/demo-token';
import { type DeviceRecord, hashPassword, newDeviceToken, newEpoch, type UserRecord } from './auth/auth.ts';
import type { RecordKind, Store } from './store/port.ts';

export const DEMO_BRANCH = 'sso-tehran-14';

const responsible = {
  name: { fa: 'رئیس میز خدمت شعبه', en: 'Head of the branch service desk' },
  post: { fa: 'رئیس شعبه', en: 'Branch head' },
  phone: '۰۲۱-۸۸۰۰۰۰۰۰',
};
/** The steps of a sub-service in Persian and English, from [fa, en] pairs. */
const steps = (...pairs: [string, string][]): Phrase[] => pairs.map(([fa, en]) => ({ fa, en }));
const ID_CARD = { id: 'national-card', title: { fa: 'اصل کارت ملی', en: 'National ID card' } };
const BOOKLET = { id: 'booklet', title: { fa: 'دفترچهٔ درمانی قبلی', en: 'Previous medical booklet' } };

function pkg(
  minutes: number,
  steps: Phrase[],
  docs: InfoPackage['requiredDocuments'],
  extra: Partial<InfoPackage> = {},
) {
  return {
    addresses: [
      {
        fa: 'تهران، خیابان آزادی، شعبهٔ ۱۴ سازمان تأمین اجتماعی، طبقهٔ همکف، میز خدمت',
        en: 'Tehran, Azadi Street, Social Security branch 14, ground floor, service desk',
      },
      'www.tamin.ir',
    ],
    steps,
    requiredDocuments: docs,
    averageDuration: { value: minutes, unit: 'minute' as const },
    inquiries: [],
    fees: [],
    responsible,
    complaintRoute: { fa: 'سامانهٔ ۱۴۲۰ سازمان تأمین اجتماعی', en: 'Social Security line 1420' },
    ...extra,
  };
}

export function demoConfigInput(): BranchConfigInput {
  return {
    branch: {
      id: DEMO_BRANCH,
      organisationId: 'sso',
      provincialOfficeId: 'sso-tehran',
      name: { fa: 'سازمان تأمین اجتماعی — شعبهٔ ۱۴ تهران', en: 'Social Security Organization — Tehran branch 14' },
      type: 1,
      address: 'تهران، خیابان آزادی',
      timeZone: 'Asia/Tehran',
      // Open around the clock so the demo can be tried at any hour; a real branch sets its hours,
      // e.g. [{days:['sat','sun','mon','tue','wed'], open:'07:30', close:'14:30'}].
      openingHours: [{ days: ['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri'], open: '00:00', close: '24:00' }],
      settings: { noShowAfterRecalls: 2, maxPriorityInRow: 3, phone: { enabled: true } },
    },
    groups: [
      { id: 'premium', title: { fa: 'وصول حق بیمه', en: 'Premium collection' }, order: 1 },
      { id: 'insured', title: { fa: 'امور بیمه‌شدگان', en: 'Insured affairs' }, order: 2 },
      { id: 'registration', title: { fa: 'نامنویسی و حساب‌های انفرادی', en: 'Registration and accounts' }, order: 3 },
      { id: 'pensions', title: { fa: 'مستمری‌ها', en: 'Pensions' }, order: 4 },
      { id: 'finance', title: { fa: 'اداری و مالی', en: 'Administration and finance' }, order: 5 },
    ],
    services: [
      {
        id: 'premium-list',
        groupId: 'premium',
        title: { fa: 'رسیدگی به لیست حق بیمهٔ کارگاه', en: 'Workplace premium lists' },
        numbering: { from: 1001, to: 1999 },
        targetWaitMinutes: 20,
        averageServiceMinutes: 6,
        info: pkg(
          6,
          steps(
            ['تحویل لیست', 'Hand in the list'],
            ['کنترل لیست با سوابق کارگاه', "Check the list against the workplace's records"],
            ['صدور برگ پرداخت', 'Issue the payment slip'],
          ),
          [
            { id: 'list', title: { fa: 'لیست حق بیمه و دیسکت/فایل لیست', en: 'Premium list and its file' } },
            { id: 'workshop-code', title: { fa: 'کد کارگاه', en: 'Workshop code' } },
          ],
          {
            fees: [
              {
                title: { fa: 'حق بیمهٔ ماهانه', en: 'Monthly premium' },
                amountRials: 0,
                account: { fa: 'حساب تمرکز وجوه حق بیمه', en: 'Premium collection account' },
                legalBasis: { fa: 'مادهٔ ۲۸ قانون تأمین اجتماعی', en: 'Article 28 of the Social Security Act' },
              },
            ],
          },
        ),
        workflow: [
          {
            row: 1,
            title: 'دریافت لیست',
            unit: 'میز خدمت',
            post: 'کارشناس درآمد',
            duration: 10,
            durationUnit: 'minute',
          },
          {
            row: 2,
            title: 'ثبت در سامانه',
            unit: 'واحد درآمد',
            post: 'کارشناس درآمد',
            duration: 1,
            durationUnit: 'day',
          },
        ],
      },
      {
        id: 'premium-debt',
        groupId: 'premium',
        title: { fa: 'اعلام بدهی و تقسیط حق بیمه', en: 'Premium debts and instalments' },
        numbering: { from: 2001, to: 2999 },
        averageServiceMinutes: 10,
        info: pkg(
          10,
          steps(
            ['استعلام بدهی', 'Look up the debt'],
            ['محاسبهٔ اقساط', 'Work out the instalments'],
            ['تنظیم توافق‌نامه', 'Draw up the agreement'],
          ),
          [ID_CARD],
          {
            inquiries: [
              { fa: 'استعلام بدهی کارگاه از واحد اجرائیات', en: "The workplace's debt, from the enforcement unit" },
            ],
          },
        ),
        // A request goes through three units: the debt from enforcement, the instalments from revenue,
        // the agreement signed by the head of revenue.
        workflow: [
          {
            row: 1,
            title: 'استعلام بدهی کارگاه',
            unit: 'واحد اجرائیات',
            post: 'کارشناس اجرائیات',
            duration: 2,
            durationUnit: 'day',
          },
          {
            row: 2,
            title: 'محاسبهٔ اقساط',
            unit: 'واحد درآمد',
            post: 'کارشناس درآمد',
            duration: 1,
            durationUnit: 'day',
          },
          {
            row: 3,
            title: 'تنظیم و امضای توافق‌نامه',
            unit: 'واحد درآمد',
            post: 'رئیس واحد درآمد',
            duration: 1,
            durationUnit: 'day',
          },
        ],
      },
      {
        id: 'insured-record',
        groupId: 'insured',
        title: { fa: 'سوابق بیمه‌ای و اصلاح سابقه', en: 'Insurance records' },
        numbering: { from: 3001, to: 3999 },
        averageServiceMinutes: 5,
        info: pkg(
          5,
          steps(
            ['دریافت درخواست', 'Receive the request'],
            ['بررسی سوابق', 'Check the records'],
            ['صدور گواهی سابقه', 'Issue the record certificate'],
          ),
          [ID_CARD],
        ),
        workflow: [
          {
            row: 1,
            title: 'بررسی سوابق',
            unit: 'واحد امور بیمه‌شدگان',
            post: 'کارشناس امور بیمه‌شدگان',
            duration: 2,
            durationUnit: 'day',
          },
          {
            row: 2,
            title: 'تطبیق با لیست‌های کارگاه',
            unit: 'واحد درآمد',
            post: 'کارشناس درآمد',
            duration: 1,
            durationUnit: 'day',
          },
          {
            row: 3,
            title: 'صدور گواهی سابقه',
            unit: 'واحد امور بیمه‌شدگان',
            post: 'رئیس واحد امور بیمه‌شدگان',
            duration: 1,
            durationUnit: 'day',
          },
        ],
      },
      {
        id: 'insured-benefits',
        groupId: 'insured',
        title: { fa: 'غرامت دستمزد و کمک‌هزینه‌ها', en: 'Wage compensation and allowances' },
        numbering: { from: 4001, to: 4999 },
        averageServiceMinutes: 8,
        info: pkg(
          8,
          steps(
            ['تحویل گواهی استعلاجی', 'Hand in the sick note'],
            ['بررسی و محاسبه', 'Review and calculation'],
            ['واریز به حساب', 'Payment to your account'],
          ),
          [ID_CARD, { id: 'sick-note', title: { fa: 'گواهی استراحت پزشک معالج', en: "Doctor's sick note" } }],
        ),
      },
      {
        id: 'booklet-renewal',
        groupId: 'registration',
        title: { fa: 'تمدید و تأمین اعتبار دفترچهٔ درمانی', en: 'Medical booklet renewal' },
        numbering: { from: 5001, to: 5999 },
        dailyCap: 400,
        targetWaitMinutes: 15,
        averageServiceMinutes: 3,
        info: pkg(
          3,
          steps(
            ['احراز هویت', 'Identity check'],
            ['تمدید اعتبار از طریق وب', 'Renewal online'],
            ['تحویل دفترچه', 'The booklet handed back'],
          ),
          [ID_CARD, BOOKLET],
        ),
      },
      {
        id: 'registration',
        groupId: 'registration',
        title: { fa: 'نامنویسی بیمه‌شده و افراد تحت تکفل', en: 'Registration of insured and dependants' },
        numbering: { from: 6001, to: 6999 },
        averageServiceMinutes: 7,
        info: pkg(
          7,
          steps(
            ['تکمیل فرم نامنویسی', 'Fill in the registration form'],
            ['ثبت در سامانه', 'Entry in the system'],
            ['صدور شمارهٔ بیمه', 'Issue of the insurance number'],
          ),
          [
            ID_CARD,
            { id: 'birth-cert', title: { fa: 'اصل شناسنامه', en: 'Birth certificate' } },
            { id: 'photo', title: { fa: 'یک قطعه عکس', en: 'One photo' } },
          ],
        ),
      },
      {
        id: 'pension',
        groupId: 'pensions',
        title: { fa: 'برقراری و ترمیم مستمری', en: 'Pensions' },
        numbering: { from: 7001, to: 7999 },
        averageServiceMinutes: 12,
        targetWaitMinutes: 30,
        // [AP1] Bookable online: half-hour slots, three visitors each, a week ahead.
        appointments: { slotMinutes: 30, perSlot: 3, daysAhead: 7, graceMinutes: 15 },
        info: pkg(
          12,
          steps(
            ['تشکیل پرونده', 'Open a file'],
            ['محاسبهٔ مستمری', 'Calculate the pension'],
            ['صدور حکم', 'Issue the pension decree'],
          ),
          [ID_CARD],
          {
            averageDuration: { value: 30, unit: 'day' },
          },
        ),
      },
      {
        id: 'finance',
        groupId: 'finance',
        title: { fa: 'پرداخت‌ها و امور مالی', en: 'Payments and finance' },
        numbering: { from: 8001, to: 8999 },
        averageServiceMinutes: 6,
        info: pkg(
          6,
          steps(['دریافت درخواست', 'Receive the request'], ['بررسی مالی', 'Financial review'], ['پرداخت', 'Payment']),
          [ID_CARD],
        ),
      },
    ],
    counters: [
      {
        id: 'counter-1',
        number: 1,
        title: { fa: 'باجهٔ ۱ — وصول حق بیمه', en: 'Counter 1 — Premiums' },
        services: [
          { serviceId: 'premium-list', weight: 3 },
          { serviceId: 'premium-debt', weight: 3 },
        ],
      },
      {
        id: 'counter-2',
        number: 2,
        title: { fa: 'باجهٔ ۲ — حق بیمه و سوابق', en: 'Counter 2 — Premiums and records' },
        services: [
          { serviceId: 'premium-debt', weight: 2 },
          { serviceId: 'insured-record', weight: 1 },
        ],
      },
      {
        id: 'counter-3',
        number: 3,
        title: { fa: 'باجهٔ ۳ — امور بیمه‌شدگان', en: 'Counter 3 — Insured affairs' },
        services: [
          { serviceId: 'insured-record', weight: 3 },
          { serviceId: 'insured-benefits', weight: 3 },
        ],
      },
      {
        id: 'counter-4',
        number: 4,
        title: { fa: 'باجهٔ ۴ — دفترچهٔ درمانی', en: 'Counter 4 — Booklets' },
        services: [
          { serviceId: 'booklet-renewal', weight: 3 },
          { serviceId: 'registration', weight: 2 },
        ],
      },
      {
        id: 'counter-5',
        number: 5,
        title: { fa: 'باجهٔ ۵ — نامنویسی', en: 'Counter 5 — Registration' },
        services: [
          { serviceId: 'registration', weight: 3 },
          { serviceId: 'booklet-renewal', weight: 2 },
          { serviceId: 'insured-record', weight: 1 },
        ],
      },
      {
        id: 'counter-6',
        number: 6,
        title: { fa: 'باجهٔ ۶ — مستمری و امور مالی', en: 'Counter 6 — Pensions and finance' },
        services: [
          { serviceId: 'pension', weight: 3 },
          { serviceId: 'finance', weight: 3 },
          { serviceId: 'insured-benefits', weight: 1 },
        ],
      },
    ],
    priorities: [
      { id: 'normal', title: { fa: 'عادی', en: 'Normal' }, kind: 'normal', weight: 0 },
      { id: 'elderly', title: { fa: 'سالمند', en: 'Elderly' }, kind: 'priority', weight: 1 },
      { id: 'disabled', title: { fa: 'توان‌یاب', en: 'Disabled' }, kind: 'priority', weight: 1.5 },
      { id: 'veteran', title: { fa: 'ایثارگر', en: 'Veteran' }, kind: 'priority', weight: 1.5 },
      { id: 'pregnant', title: { fa: 'باردار', en: 'Pregnant' }, kind: 'priority', weight: 1.5 },
      { id: 'appointment', title: { fa: 'نوبت اینترنتی', en: 'Appointment' }, kind: 'appointment', weight: 0.5 },
    ],
    clerks: [1, 2, 3, 4, 5, 6].map((i) => ({ id: `clerk${i}`, name: `کارمند باجهٔ ${toPersianDigits(i)}` })),
  };
}

/** The demo branch's organisation and provincial office. */
export function demoTree(): [RecordKind, Organisation | ProvincialOffice][] {
  return [
    ['organisation', { id: 'sso', name: { fa: 'سازمان تأمین اجتماعی', en: 'Social Security Organization' } }],
    [
      'provincial-office',
      {
        id: 'sso-tehran',
        organisationId: 'sso',
        name: { fa: 'ادارهٔ کل تأمین اجتماعی استان تهران', en: 'Social Security — Tehran province' },
        alertMobiles: [],
      },
    ],
  ];
}

export interface DemoSeed {
  password: string;
  /** True when the password was made up now (print it once). */
  generated: boolean;
  devices: { id: string; kind: DeviceRecord['kind']; token: string }[];
}

export interface DemoSecrets {
  /** The demo users' password (NOBAT_DEMO_PASSWORD); random when not given. */
  password?: string | undefined;
  /** The key the demo device tokens derive from (NOBAT_DEMO_DEVICE_KEY); random tokens when not given. */
  deviceKey?: string | undefined;
}

/** The demo's officers: username, name, unit (the units of the demo's workflows). */
export const DEMO_OFFICERS: readonly (readonly [string, string, string])[] = [
  ['officer-desk', 'کارشناس میز خدمت', 'میز خدمت'],
  ['officer-revenue', 'کارشناس واحد درآمد', 'واحد درآمد'],
  ['officer-insured', 'کارشناس امور بیمه‌شدگان', 'واحد امور بیمه‌شدگان'],
  ['officer-enforcement', 'کارشناس اجرائیات', 'واحد اجرائیات'],
];

/** Seeds the demo office into a store with no branch; returns undefined when there is one already. */
export async function seedDemo(store: Store, secrets: DemoSecrets = {}): Promise<DemoSeed | undefined> {
  if ((await store.listRecords('branch')).length > 0) return undefined;
  const givenPassword = secrets.password;
  const password = givenPassword ?? randomBytes(9).toString('base64url');
  const config = BranchConfig.parse(demoConfigInput());
  const passwordHash = await hashPassword(password);
  const users: UserRecord[] = [
    {
      id: 'admin',
      username: 'admin',
      name: 'مدیر سامانه',
      role: 'admin',
      branchId: null,
      passwordHash,
      active: true,
      epoch: newEpoch(),
    },
    {
      id: 'supervisor',
      username: 'supervisor',
      name: 'سرپرست میز خدمت',
      role: 'supervisor',
      branchId: DEMO_BRANCH,
      passwordHash,
      active: true,
      epoch: newEpoch(),
    },
    ...config.clerks.map(
      (k): UserRecord => ({
        id: k.id,
        username: k.id,
        name: k.name,
        role: 'clerk',
        branchId: DEMO_BRANCH,
        passwordHash,
        active: true,
        epoch: newEpoch(),
      }),
    ),
    // [RQ] Back-office officers, one per unit of the demo's workflows.
    ...DEMO_OFFICERS.map(
      ([id, name, unit]): UserRecord => ({
        id,
        username: id,
        name,
        role: 'officer',
        branchId: DEMO_BRANCH,
        unit,
        passwordHash,
        active: true,
        epoch: newEpoch(),
      }),
    ),
  ];
  // Another process may be seeding the same store at this moment (several servers on one fresh
  // Redis): whoever writes the first user first seeds; the others step back and print nothing.
  const [first, ...others] = users;
  if (first && !(await store.putRecord('user', first.id, first, 0)).ok) return undefined;
  for (const u of others) await store.putRecord('user', u.id, u, 0);
  const devices: DemoSeed['devices'] = [];
  for (const [id, kind, name, counterIds, kioskIds] of [
    ['kiosk-1', 'kiosk', 'کیوسک سالن انتظار', [], []],
    ['display-1', 'display', 'نمایشگر سالن انتظار', [], []],
    ['bridge-1', 'bridge', 'پل دستگاه‌های باجه‌ها', config.counters.map((c) => c.id), ['kiosk-1']],
  ] as const) {
    const made = newDeviceToken({
      id,
      kind,
      branchId: DEMO_BRANCH,
      name,
      counterIds: [...counterIds],
      kioskIds: [...kioskIds],
      active: true,
    });
    // With a device key, device tokens are fixed (derived from the key, never from a password), so
    // scripts and tests can use them; otherwise they are random like any other token.
    const { deviceKey } = secrets;
    const token = deviceKey ? demoDeviceToken(deviceKey, id) : made.token;
    const record = deviceKey ? deviceRecordFor(made.record, token) : made.record;
    await store.putRecord('device', id, record, 0);
    devices.push({ id, kind, token });
  }
  // The organisation tree above the branch, so the console's tree is not empty.
  for (const [kind, value] of demoTree()) await store.putRecord(kind, value.id, value, 0);
  // The branch last: its presence marks the seed as complete.
  await store.putRecord('branch', DEMO_BRANCH, config, 0);
  return { password, generated: givenPassword === undefined, devices };
}

function deviceRecordFor(record: DeviceRecord, token: string): DeviceRecord {
  const secret = token.slice(token.indexOf('.') + 1);
  return { ...record, secretHash: createHash('sha256').update(secret).digest('hex') };
}

export { demoDeviceToken };
