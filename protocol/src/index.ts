// First: before any schema is made (see the module).
import './no-eval.ts';

export * from './admin.ts';
export * from './advice.ts';
export * from './api.ts';
export * from './appointments.ts';
export * from './bus.ts';
export * from './calendar.ts';
export * from './errors.ts';
export * from './health.ts';
export * from './identity.ts';
export * from './jalali.ts';
export * from './model.ts';
export * from './outbox.ts';
export * from './phone.ts';
export * from './realtime.ts';
export * from './reports.ts';
export * from './requests.ts';
export * from './supervisor.ts';
export * from './survey.ts';
export * from './sync.ts';
export * from './today.ts';
export * from './wording.ts';
