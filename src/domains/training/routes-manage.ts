import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorise } from '../../platform/access/authorise.ts';
import { formOf, guarded } from '../../platform/http/forms.ts';
import { BadRequestError } from '../../platform/http/errors.ts';
import { uuidParam } from '../../platform/http/params.ts';
import { text } from '../../platform/views/form-fields.ts';
import { LEVELS, PRACTICE_CHANGED } from './labels.ts';
import { postForm, SECTION, showForm, type TrainingForm, view } from './routes-forms.ts';
import { cancelSessionFields, type CourseChange, courseChangeFields, courseFields, type CourseInput, sessionFields, type SessionInput } from './schema.ts';
import { addCourse, addSession, cancelSession, changeCourse, courseFor, courseList, coursePage } from './service.ts';
import { recordAttendance, sessionPage } from './service-bookings.ts';
import type { Attendance } from './tables.ts';

type Ctx = ReturnType<FastifyRequest['ctx']>;
const courseHref = (id: string) => `/training/courses/${id}`;
const sessionHref = (id: string) => `/training/sessions/${id}`;

/** The business manager's pages: courses, sessions, cancelling a session and marking attendance. */
export const manageRoutes = async (app: FastifyInstance) => {
  app.get('/training/courses', async (request, reply) => {
    const rows = await courseList(request.ctx());
    return reply.page(view('courses'), { title: 'Courses', section: SECTION, rows });
  });

  const COURSE_FIELDS = ['title', 'level', 'audience', 'description', 'learningOutcomes', 'length', 'impactAfterMonths'];
  const courseForm = (ctx: Ctx): TrainingForm<CourseInput> => ({
    template: 'course-form', title: 'Add a course', backHref: '/training/courses', backText: 'Back to the courses',
    dates: {}, schema: courseFields, entered: { title: 'Title', description: 'Description', learningOutcomes: 'Learning outcomes' },
    fields: (b) => Object.fromEntries(COURSE_FIELDS.map((k) => [k, text(b, k)])),
    context: async () => ({ levels: LEVELS, button: 'Add the course' }),
    save: async (data, key) => courseHref(await addCourse(ctx, { ...data, idempotencyKey: key })),
  });
  app.get('/training/courses/new', async (request, reply) => {
    authorise(request.ctx(), 'partnership.manage');
    return showForm(reply, courseForm(request.ctx()), { impactAfterMonths: '3' });
  });
  app.post('/training/courses/new', async (request, reply) => {
    authorise(request.ctx(), 'partnership.manage');
    return postForm(reply, courseForm(request.ctx()));
  });

  const changeForm = (ctx: Ctx, id: string): TrainingForm<CourseChange> => ({
    template: 'course-form', title: 'Change the course', backHref: courseHref(id), backText: 'Back to the course',
    dates: {}, schema: courseChangeFields, entered: { title: 'Title', description: 'Description', learningOutcomes: 'Learning outcomes' },
    fields: (b) => Object.fromEntries(COURSE_FIELDS.map((k) => [k, text(b, k)])),
    context: async () => ({ levels: LEVELS, button: 'Save the course' }),
    save: async (data) => {
      await changeCourse(ctx, id, data);
      return courseHref(id);
    },
  });
  app.get('/training/courses/:id/edit', async (request, reply) => {
    const id = uuidParam(request.params);
    const c = await courseFor(request.ctx(), id);
    return showForm(reply, changeForm(request.ctx(), id), {
      version: String(c.version), title: c.title, level: String(c.level), audience: c.audience, description: c.description, learningOutcomes: c.learning_outcomes, length: c.length, impactAfterMonths: String(c.impact_after_months),
    });
  });
  app.post('/training/courses/:id/edit', async (request, reply) => {
    const id = uuidParam(request.params);
    await courseFor(request.ctx(), id);
    return postForm(reply, changeForm(request.ctx(), id));
  });

  app.get('/training/courses/:id', async (request, reply) => {
    const data = await coursePage(request.ctx(), uuidParam(request.params));
    const changed = Object.entries(PRACTICE_CHANGED).map(([key, label]) => ({ label, count: data.impact.filter((i) => i.practice_changed === key).length }));
    return reply.page(view('course'), { title: data.course.title, section: SECTION, ...data, levels: LEVELS, changed });
  });

  const sessionForm = (ctx: Ctx, courseId: string): TrainingForm<SessionInput> => ({
    template: 'session-form', title: 'Add a session', backHref: courseHref(courseId), backText: 'Back to the course',
    dates: { heldOn: ['Date of the session', 'Enter the date of the session'] }, schema: sessionFields, entered: { venue: 'Venue', trainer: 'Trainer' },
    fields: (b) => Object.fromEntries(['startsAt', 'endsAt', 'venue', 'places', 'trainer'].map((k) => [k, text(b, k)])),
    context: async () => ({ course: await courseFor(ctx, courseId) }),
    save: async (data, key) => sessionHref(await addSession(ctx, courseId, { ...data, idempotencyKey: key })),
  });
  app.get('/training/courses/:id/sessions/new', async (request, reply) => showForm(reply, sessionForm(request.ctx(), uuidParam(request.params)), { places: '20', startsAt: '09:30', endsAt: '12:30' }));
  app.post('/training/courses/:id/sessions/new', async (request, reply) => {
    const ctx = request.ctx();
    const id = uuidParam(request.params);
    await courseFor(ctx, id);
    return postForm(reply, sessionForm(ctx, id));
  });

  const cancelForm = (ctx: Ctx, id: string): TrainingForm<{ reason: string }> => ({
    template: 'cancel-session', title: 'Cancel the session', backHref: sessionHref(id), backText: 'Back to the session',
    dates: {}, schema: cancelSessionFields, entered: { reason: 'Reason' }, fields: (b) => ({ reason: text(b, 'reason') }),
    context: () => sessionPage(ctx, id),
    save: async (data) => {
      await cancelSession(ctx, id, data.reason);
      return sessionHref(id);
    },
  });
  app.get('/training/sessions/:id/cancel', async (request, reply) => {
    authorise(request.ctx(), 'partnership.manage');
    return showForm(reply, cancelForm(request.ctx(), uuidParam(request.params)), {});
  });
  app.post('/training/sessions/:id/cancel', async (request, reply) => {
    authorise(request.ctx(), 'partnership.manage');
    return postForm(reply, cancelForm(request.ctx(), uuidParam(request.params)));
  });

  /** Each booking's mark comes as `attendance-<booking id>`: attended or did not attend; unmarked ones stay so. */
  app.post('/training/sessions/:id/attendance', async (request, reply) => {
    authorise(request.ctx(), 'partnership.manage');
    const id = uuidParam(request.params);
    const marks: Record<string, Attendance> = {};
    for (const name of Object.keys(formOf(request))) {
      const match = /^attendance-([0-9a-f-]{36})$/i.exec(name);
      if (!match) continue;
      const mark = text(formOf(request), name);
      if (mark === '') continue;
      if (mark !== 'attended' && mark !== 'no_show') throw new BadRequestError('Mark each delegate as attended or did not attend.');
      marks[match[1]!] = mark;
    }
    return guarded(reply, { backHref: sessionHref(id), backText: 'Back to the session', section: SECTION }, async () => {
      await recordAttendance(request.ctx(), id, marks);
      return reply.redirect(`${sessionHref(id)}#delegates`, 303);
    });
  });
};
