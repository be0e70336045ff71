// [SU8] The form is جدول ۵ word for word: the rows below are copied from the guide's table (row, axis
// where the axis starts, question), and the protocol's questions, axes and scale must match them.
import { describe, expect, it } from 'vitest';
import { SURVEY_AXES, SURVEY_QUESTION_IDS, SURVEY_SCALE, SURVEY_TEXT, SurveyAnswerBody } from './survey.ts';

/** جدول ۵, rows ۱–۱۶, as the guide prints them (tab-separated cells of the seed text). */
const TABLE: [string, string, string][] = [
  ['۱', 'شفافیت فرایندی', 'نحوه اطلاع رسانی درباره مراحل انجام کار'],
  ['۲', '', 'نحوه اطلاع رسانی درباره مدارک مورد نیاز برای ارائه خدمت'],
  ['۳', '', 'انجام کار بر اساس ضوابط اداری و عدم دخالت قضاوت های شخصی'],
  ['۴', 'پاسخگویی و مسئولیت پذیری', 'نحوه رفتار و راهنمایی و پاسخگویی مسئول مربوطه'],
  ['۵', '', 'امکانات رفاهی و فضای ارائه خدمت'],
  ['۶', '', 'به موقع بودن و شفاف بودن رسیدگی به شکایات، نظرات و پیشنهادهای شما'],
  ['۷', '', 'راهنمایی و پاسخگویی کارکنان به مراجعین و پی گیری وضعیت درخواست ها'],
  ['۸', 'تسلط بر فرایند', 'دقت کارمند در انجام کار به گونه ای که نیاز به دوباره کاری نباشد'],
  ['۹', 'زمان فرایند', 'تعداد دفعات مراجعه به سازمان برای دریافت خدمت'],
  ['۱۰', '', 'تعهد و پایبندی به زمان ارائه خدمت در فرم "رسید خدمت"'],
  ['۱۱', '', 'میزان مراجعه به قسمت ها و بخش های مختلف برای دریافت خدمت'],
  ['۱۲', 'نظام مند بودن فرایند', 'نظم، ترتیب و سهولت دسترسی به افراد و امکانات برای دریافت خدمت'],
  ['۱۳', '', 'دریافت یک باره مدارک و اطلاعات به صورت الکترونیکی یا حضوری در همگام مراجعه'],
  ['۱۴', '', 'ارائه اطلاعات تکراری (کپی شناسنامه، کارت ملی، ارایه چند باره اطلاعات) به واحدهای مختلف'],
  ['۱۵', '', 'احساس نیاز به سفارش و توصیه برای دریافت خدمت'],
  ['۱۶', 'کلیت فرایند', 'احساس رضایت از کل خدمت دریافت شده'],
];

const persianRow = (n: number) => n.toString().replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)] ?? d);

describe('the survey form (جدول ۵)', () => {
  it('[SU8] 16 questions q1…q16 in six axes, each question’s Persian wording exactly the guide’s', () => {
    expect(SURVEY_QUESTION_IDS).toEqual(Array.from({ length: 16 }, (_, i) => `q${i + 1}`));
    const questions = SURVEY_AXES.flatMap((a) => a.questions);
    expect(questions).toHaveLength(TABLE.length);
    for (const [i, q] of questions.entries()) {
      const [row, , text] = TABLE[i] ?? [];
      expect(persianRow(q.row)).toBe(row);
      expect(q.text.fa).toBe(text);
      expect(q.text.en.length).toBeGreaterThan(10);
    }
  });

  it('[SU8] the axes start where the guide starts them, with its names', () => {
    const starts = TABLE.filter(([, axis]) => axis !== '').map(([row, axis]) => [row, axis]);
    expect(SURVEY_AXES.map((a) => [persianRow(a.questions[0]?.row ?? 0), a.title.fa])).toEqual(starts);
    expect(SURVEY_AXES.map((a) => a.questions.length)).toEqual([3, 4, 1, 3, 4, 1]);
  });

  it('[SU8] the five-level scale is the guide’s, خیلی زیاد = 5 down to خیلی کم = 1', () => {
    expect(SURVEY_SCALE.map((s) => [s.label.fa, s.value])).toEqual([
      ['خیلی زیاد', 5],
      ['زیاد', 4],
      ['متوسط', 3],
      ['کم', 2],
      ['خیلی کم', 1],
    ]);
    expect(SURVEY_TEXT.title.fa).toBe('پرسشنامه سنجش رضایت ارباب رجوع از خدمات');
    expect(SURVEY_TEXT.service.fa).toBe('برای دریافت چه خدمتی مراجعه نموده اید؟');
  });

  it('[SU4] an answer needs all 16 questions on the scale; the header is optional and bounded', () => {
    const all = Object.fromEntries(SURVEY_QUESTION_IDS.map((id) => [id, 3]));
    expect(SurveyAnswerBody.safeParse({ answers: all }).success).toBe(true);
    expect(SurveyAnswerBody.safeParse({ answers: { ...all, q9: 2.5 } }).success).toBe(false);
    const { q7: _, ...missing } = all;
    expect(SurveyAnswerBody.safeParse({ answers: missing }).success).toBe(false);
    expect(SurveyAnswerBody.safeParse({ answers: all, visits: 0 }).success).toBe(false);
    expect(SurveyAnswerBody.safeParse({ answers: all, education: 'diploma', age: 40, sex: 'male' }).success).toBe(true);
  });
});
