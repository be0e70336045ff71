// The satisfaction survey (جدول ۵ of the guide, "پرسشنامه سنجش رضایت ارباب رجوع از خدمات"): its
// header, its 16 questions in six axes on a five-level scale, and the free-text suggestion, with the
// answer a visitor sends and the results the reports show. The Persian wording is the guide's, word
// for word; the English is a translation for the English mode.
import { z } from 'zod';

type Text = { fa: string; en: string };

/** The five levels, best first; a level's score is 5 (خیلی زیاد) down to 1 (خیلی کم). */
export const SURVEY_SCALE = [
  { value: 5, label: { fa: 'خیلی زیاد', en: 'Very high' } },
  { value: 4, label: { fa: 'زیاد', en: 'High' } },
  { value: 3, label: { fa: 'متوسط', en: 'Medium' } },
  { value: 2, label: { fa: 'کم', en: 'Low' } },
  { value: 1, label: { fa: 'خیلی کم', en: 'Very low' } },
] as const satisfies readonly { value: number; label: Text }[];

export const SurveyLevel = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
export type SurveyLevel = z.infer<typeof SurveyLevel>;

export const SURVEY_AXIS_IDS = ['transparency', 'responsiveness', 'mastery', 'time', 'systematic', 'overall'] as const;
export type SurveyAxisId = (typeof SURVEY_AXIS_IDS)[number];

export interface SurveyQuestion {
  id: `q${number}`;
  /** Its row in جدول ۵ (۱…۱۶). */
  row: number;
  text: Text;
}
export interface SurveyAxis {
  id: SurveyAxisId;
  title: Text;
  questions: SurveyQuestion[];
}

const q = (row: number, fa: string, en: string): SurveyQuestion => ({ id: `q${row}`, row, text: { fa, en } });

/** The six axes and their questions, in the table's order. */
export const SURVEY_AXES: readonly SurveyAxis[] = [
  {
    id: 'transparency',
    title: { fa: 'شفافیت فرایندی', en: 'Process transparency' },
    questions: [
      q(1, 'نحوه اطلاع رسانی درباره مراحل انجام کار', 'How you were informed about the steps of the work'),
      q(
        2,
        'نحوه اطلاع رسانی درباره مدارک مورد نیاز برای ارائه خدمت',
        'How you were informed about the documents needed for the service',
      ),
      q(
        3,
        'انجام کار بر اساس ضوابط اداری و عدم دخالت قضاوت های شخصی',
        'Work done by the administrative rules, without personal judgement',
      ),
    ],
  },
  {
    id: 'responsiveness',
    title: { fa: 'پاسخگویی و مسئولیت پذیری', en: 'Responsiveness and accountability' },
    questions: [
      q(4, 'نحوه رفتار و راهنمایی و پاسخگویی مسئول مربوطه', 'Conduct, guidance and answers of the official in charge'),
      q(5, 'امکانات رفاهی و فضای ارائه خدمت', 'Amenities and the place where the service is given'),
      q(
        6,
        'به موقع بودن و شفاف بودن رسیدگی به شکایات، نظرات و پیشنهادهای شما',
        'Timely and transparent handling of your complaints, opinions and suggestions',
      ),
      q(
        7,
        'راهنمایی و پاسخگویی کارکنان به مراجعین و پی گیری وضعیت درخواست ها',
        "Staff guidance and answers to visitors, and follow-up of requests' status",
      ),
    ],
  },
  {
    id: 'mastery',
    title: { fa: 'تسلط بر فرایند', en: 'Mastery of the process' },
    questions: [
      q(
        8,
        'دقت کارمند در انجام کار به گونه ای که نیاز به دوباره کاری نباشد',
        'The clerk’s care in the work, so that nothing has to be redone',
      ),
    ],
  },
  {
    id: 'time',
    title: { fa: 'زمان فرایند', en: 'Process time' },
    questions: [
      q(9, 'تعداد دفعات مراجعه به سازمان برای دریافت خدمت', 'Number of visits to the organisation to get the service'),
      q(
        10,
        'تعهد و پایبندی به زمان ارائه خدمت در فرم "رسید خدمت"',
        'Keeping to the service time given on the "service receipt" form',
      ),
      q(
        11,
        'میزان مراجعه به قسمت ها و بخش های مختلف برای دریافت خدمت',
        'How many different sections you had to go to for the service',
      ),
    ],
  },
  {
    id: 'systematic',
    title: { fa: 'نظام مند بودن فرایند', en: 'Systematic process' },
    questions: [
      q(
        12,
        'نظم، ترتیب و سهولت دسترسی به افراد و امکانات برای دریافت خدمت',
        'Order, arrangement and ease of reaching people and facilities for the service',
      ),
      q(
        13,
        'دریافت یک باره مدارک و اطلاعات به صورت الکترونیکی یا حضوری در همگام مراجعه',
        'Documents and information taken once, electronically or in person, at the visit',
      ),
      q(
        14,
        'ارائه اطلاعات تکراری (کپی شناسنامه، کارت ملی، ارایه چند باره اطلاعات) به واحدهای مختلف',
        'Giving the same information again (birth certificate or national card copies, repeated details) to different units',
      ),
      q(
        15,
        'احساس نیاز به سفارش و توصیه برای دریافت خدمت',
        'Feeling a need for connections or recommendations to get the service',
      ),
    ],
  },
  {
    id: 'overall',
    title: { fa: 'کلیت فرایند', en: 'The process as a whole' },
    questions: [q(16, 'احساس رضایت از کل خدمت دریافت شده', 'Satisfaction with the whole service received')],
  },
];

export const SURVEY_QUESTION_IDS = SURVEY_AXES.flatMap((a) => a.questions.map((x) => x.id));

/** The axis a question belongs to. */
export const SURVEY_AXIS_OF: Readonly<Record<string, SurveyAxisId>> = Object.fromEntries(
  SURVEY_AXES.flatMap((a) => a.questions.map((x) => [x.id, a.id])),
);

/** The form's other wording: title, invitation, header fields, the suggestion. */
export const SURVEY_TEXT = {
  title: { fa: 'پرسشنامه سنجش رضایت ارباب رجوع از خدمات', en: 'Visitor satisfaction survey' },
  invitation: {
    fa: 'شهروند گرامی خواهشمند است با اعلام میزان رضایت خود از هر یک از محورهای ارائه شده در این پرسشنامه، ما را در ارتقا سطح رعایت حقوق شهروندی یاری فرمایید.',
    en: "Dear citizen, please tell us how satisfied you are with each axis of this survey, and help us better respect citizens' rights.",
  },
  agency: { fa: 'نام دستگاه', en: 'Agency' },
  date: { fa: 'تاریخ', en: 'Date' },
  sex: { fa: 'جنسیت', en: 'Sex' },
  male: { fa: 'مرد', en: 'Male' },
  female: { fa: 'زن', en: 'Female' },
  age: { fa: 'سن', en: 'Age' },
  education: { fa: 'تحصیلات', en: 'Education' },
  job: { fa: 'شغل', en: 'Job' },
  service: { fa: 'برای دریافت چه خدمتی مراجعه نموده اید؟', en: 'Which service did you come for?' },
  visits: { fa: 'دفعات مراجعه برای دریافت خدمت در سال اخیر', en: 'Visits for this service in the past year' },
  level: { fa: 'سطح رضایت', en: 'Level of satisfaction' },
  suggestion: {
    fa: 'چنانچه علاوه بر موارد فوق مطلب یا پیشنهادی در خصوص نحوه انجام خدمات و اصلاح روشهای انجام کار در زمینه مورد نظر خود دارید مرقوم فرمایید:',
    en: 'If, beyond the above, you have a remark or suggestion on how the services are given or how the work could be improved, please write it:',
  },
} as const satisfies Record<string, Text>;

export const SURVEY_EDUCATION = ['none', 'primary', 'diploma', 'associate', 'bachelor', 'master', 'doctorate'] as const;
export const SURVEY_EDUCATION_LABEL: Record<(typeof SURVEY_EDUCATION)[number], Text> = {
  none: { fa: 'بی‌سواد یا زیر دیپلم', en: 'Below diploma' },
  primary: { fa: 'سیکل', en: 'Middle school' },
  diploma: { fa: 'دیپلم', en: 'Diploma' },
  associate: { fa: 'فوق دیپلم', en: 'Associate degree' },
  bachelor: { fa: 'لیسانس', en: "Bachelor's" },
  master: { fa: 'فوق لیسانس', en: "Master's" },
  doctorate: { fa: 'دکترا', en: 'Doctorate' },
};

export const SUGGESTION_MAX = 1000;

/** What a visitor sends. Header fields are optional (the guide asks, it does not require); every question must be answered. */
export const SurveyAnswerBody = z.strictObject({
  sex: z.enum(['male', 'female']).optional(),
  age: z.number().int().min(10).max(120).optional(),
  education: z.enum(SURVEY_EDUCATION).optional(),
  job: z.string().trim().min(1).max(100).optional(),
  /** Visits for this service in the past year (this one included). */
  visits: z.number().int().min(1).max(365).optional(),
  answers: z.strictObject(
    Object.fromEntries(SURVEY_QUESTION_IDS.map((id) => [id, SurveyLevel])) as Record<
      (typeof SURVEY_QUESTION_IDS)[number],
      typeof SurveyLevel
    >,
  ),
  suggestion: z.string().trim().max(SUGGESTION_MAX).optional(),
});
export type SurveyAnswerBody = z.infer<typeof SurveyAnswerBody>;

/** What the survey page gets: the ticket's header facts and whether it was answered. */
export const SurveyForm = z.object({
  ticketId: z.string(),
  number: z.string(),
  branchName: z.object({ fa: z.string(), en: z.string().optional() }),
  serviceTitle: z.object({ fa: z.string(), en: z.string().optional() }),
  /** The visit's local day, YYYY-MM-DD. */
  day: z.string(),
  answered: z.boolean(),
});
export type SurveyForm = z.infer<typeof SurveyForm>;

export const SurveyAnswered = z.object({ ticketId: z.string(), answeredAt: z.string() });
export type SurveyAnswered = z.infer<typeof SurveyAnswered>;

export const SURVEY_ERRORS = {
  'survey-not-open': { fa: 'نظرسنجی پس از پایان خدمت باز می‌شود.', en: 'The survey opens once the visit has ended.' },
  'survey-already-answered': {
    fa: 'به نظرسنجی این نوبت قبلاً پاسخ داده شده است.',
    en: 'This ticket’s survey has already been answered.',
  },
} as const;

export const SurveyBy = z.enum(['axis', 'service', 'clerk', 'month']);
export type SurveyBy = z.infer<typeof SurveyBy>;
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const SurveyResultsQuery = z.object({
  from: IsoDay,
  to: IsoDay,
  branchId: z.string().min(1).max(100).optional(),
  by: SurveyBy.default('axis'),
});
export type SurveyResultsQuery = z.infer<typeof SurveyResultsQuery>;

/** Counts of each level, index 0 = level 1 (خیلی کم) … index 4 = level 5 (خیلی زیاد). */
export const SurveyDistribution = z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]);

export const SurveyResultRow = z.object({
  /** The axis id, sub-service id, clerk id or Jalali month key (1405-01). */
  key: z.string(),
  label: z.object({ fa: z.string(), en: z.string().optional() }),
  /** Surveys counted in the row. */
  answers: z.number(),
  /** Mean of the row's answers on 1–5 (خیلی زیاد = 5); null with none. */
  mean: z.number().nullable(),
  distribution: SurveyDistribution,
});
export type SurveyResultRow = z.infer<typeof SurveyResultRow>;

export const SurveyResults = z.object({
  from: z.string(),
  to: z.string(),
  by: SurveyBy,
  answers: z.number(),
  rows: z.array(SurveyResultRow),
});
export type SurveyResults = z.infer<typeof SurveyResults>;

/** [SU1] What a counter's survey tablet asks: the ticket to offer the survey of, or none. */
export const TabletSurveyTicket = z.object({ ticketId: z.string().nullable(), number: z.string().nullable() });
export type TabletSurveyTicket = z.infer<typeof TabletSurveyTicket>;
