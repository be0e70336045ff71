// Requests to render in the documents' tests: a branch with an address, a sub-service with documents
// and a three-step workflow, and a request moved by the rules to the state asked for.
import { type BranchConfig, type RequestEvent, RequestView } from '@nobat/protocol';
import { localToEpoch } from '../../domain/appointments.ts';
import {
  decideCreate,
  decideMove,
  type Mover,
  type RequestCommand,
  type RequestRecord,
  requestView,
} from '../../domain/requests.ts';
import { info, testConfig } from '../../testing/fixtures.ts';

export const CODE = '1234567894'; // the Damm digit of 123456789 is 4

export const sampleConfig: BranchConfig = testConfig((c) => {
  c.branch.name = { fa: 'شعبهٔ ۱۲ تهران (شهید بهشتی)', en: 'Tehran branch 12 (Shahid Beheshti)' };
  c.branch.address = 'تهران، خیابان شهید بهشتی، پلاک ۲۱۴';
  c.branch.openingHours = [{ days: ['sat', 'sun', 'mon', 'tue', 'wed'], open: '07:30', close: '14:30' }];
  const [s1] = c.services as [NonNullable<(typeof c.services)[number]>];
  s1.title = { fa: 'تمدید اعتبار دفترچهٔ درمانی', en: 'Renewal of the medical booklet' };
  s1.info = {
    ...info(),
    requiredDocuments: [
      { id: 'id-card', title: { fa: 'اصل کارت ملی', en: 'National ID card' } },
      { id: 'booklet', title: { fa: 'دفترچهٔ درمانی قبلی', en: 'The old medical booklet' } },
      { id: 'photo', title: { fa: 'دو قطعه عکس ۳×۴', en: 'Two 3×4 photos' } },
      { id: 'form', title: { fa: 'فرم تکمیل‌شدهٔ درخواست' } },
    ],
  };
  s1.workflow = [
    {
      row: 1,
      title: 'بررسی سوابق بیمه‌ای',
      unit: 'واحد درآمد',
      post: 'کارشناس درآمد',
      duration: 2,
      durationUnit: 'day',
    },
    { row: 2, title: 'تأیید فنی', unit: 'واحد فنی', post: 'کارشناس فنی', duration: 4, durationUnit: 'hour' },
    { row: 3, title: 'صدور پاسخ', unit: 'امور حقوقی', post: 'رئیس امور حقوقی', duration: 1, durationUnit: 'day' },
  ];
});

export const at = (day: string, time: string) => localToEpoch(day, time, 'Asia/Tehran');
const user = (id: string, name: string, role: 'clerk' | 'officer', unit: string | null = null): Mover => ({
  kind: 'user',
  id,
  name,
  role,
  branchId: 'b1',
  unit,
});
export const clerk = user('k1', 'مریم حسینی', 'clerk');
const o1 = user('o1', 'علی رضایی', 'officer', 'واحد درآمد');
const o2 = user('o2', 'سارا کریمی', 'officer', 'واحد فنی');
const o3 = user('o3', 'محمد جعفری', 'officer', 'امور حقوقی');

export const LONG_ANSWER =
  'با توجه به سوابق بیمه‌ای ثبت‌شده و مدارک ارائه‌شده، اعتبار دفترچهٔ درمانی متقاضی تا پایان سال ۱۴۰۴ تمدید شد. ' +
  'دفترچهٔ جدید از طریق پست به نشانی ثبت‌شده ارسال می‌شود و تا رسیدن آن، دفترچهٔ فعلی معتبر است.';

/** The sample request: made Saturday 2025-05-03 09:12; `upTo` says how far it has gone. */
export function sampleView(
  upTo: 'created' | 'responded' | 'delivered' = 'created',
  over: { answer?: string; legalBasis?: string } = {},
): RequestView {
  const made = decideCreate({
    config: sampleConfig,
    now: at('2025-05-03', '09:12'),
    mover: clerk,
    code: CODE,
    visit: { ticketId: 't-1042', number: '1042', serviceId: 's1', brought: ['id-card', 'booklet'] },
    serviceId: 's1',
    applicant: { fullName: 'زهرا احمدی‌نژاد', nationalId: '0499370899', mobile: '09121234567' },
    notes: '',
  });
  if (!made.ok) throw new Error(made.code);
  let events: RequestEvent[] = [made.value];
  const move = (m: Mover, c: RequestCommand, when: number) => {
    const d = decideMove(sampleConfig, events, m, c, when);
    if (!d.ok) throw new Error(`${c.type}: ${d.code}`);
    events = [...events, ...d.value];
  };
  if (upTo !== 'created') {
    move(o1, { type: 'accept' }, at('2025-05-03', '10:00'));
    move(o1, { type: 'complete', note: '' }, at('2025-05-04', '09:00'));
    move(o2, { type: 'accept' }, at('2025-05-04', '09:30'));
    move(o2, { type: 'complete', note: '' }, at('2025-05-04', '11:00'));
    move(o3, { type: 'accept' }, at('2025-05-05', '08:00'));
    move(
      o3,
      {
        type: 'respond',
        legalBasis:
          over.legalBasis ??
          'مادهٔ ۳ قانون تأمین اجتماعی و بند ۲ دستورالعمل شمارهٔ ۱ خدمات ثبت‌نام جدید؛ سوابق پرداخت حق بیمهٔ ۲۴ ماه اخیر کامل است.',
        answer: over.answer ?? LONG_ANSWER,
        appealTo: 'هیئت بدوی تشخیص مطالبات، شعبهٔ ۱۲ تهران',
        appealUntil: '2025-06-04',
        remarks: 'در صورت نیاز به اطلاعات بیشتر با تلفن ۸۸۷۶۵۴۳۲ تماس بگیرید.',
      },
      at('2025-05-05', '13:40'),
    );
  }
  if (upTo === 'delivered') move(clerk, { type: 'deliver', channel: 'desk' }, at('2025-05-06', '10:05'));
  const record: RequestRecord = { id: 'req-1', branchId: 'b1', code: CODE, events };
  return RequestView.parse(requestView(sampleConfig, record, at('2025-05-06', '12:00')));
}

export const STATUS_URL = `https://nobat.example.ir/r/${CODE}`;
