import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { recordAccess } from '../audit/audit.ts';
import { SESSION_COOKIE } from '../http/web.ts';
import { addError, fromZodError, noErrors } from '../views/form-errors.ts';
import { formatDateTime } from '../views/format.ts';
import { passwordSignInAllowedFor } from './oidc/repository.ts';
import { providerSignOutUrl } from './oidc/routes.ts';
import { passwordProblem, verifyPassword } from './passwords.ts';
import { createSession, endAllSessions, endSession } from './sessions.ts';
import { checkSignIn, passwordHashOf, setPassword } from './users.ts';

const signInForm = z.object({
  email: z.string().trim().min(1, 'Enter your email address').max(320, 'Email address must be 320 characters or fewer').email('Enter an email address in the correct format, like name@example.org'),
  password: z.string().min(1, 'Enter your password').max(1024, 'Password must be 1024 characters or fewer'),
});

const changePasswordForm = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password').max(1024),
    newPassword: z.string().min(1, 'Enter a new password').max(1024),
    confirmPassword: z.string().min(1, 'Confirm your new password').max(1024),
  })
  .refine((f) => f.newPassword === f.confirmPassword, { path: ['confirmPassword'], message: 'The passwords do not match' });

/** Only same-site paths, so a crafted link cannot send someone elsewhere after signing in. */
const safeNext = (next: unknown) => (typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/');

export const authRoutes = fp(async (app: FastifyInstance) => {
  const { db } = app.database;
  const lockout = { attempts: app.config.lockoutAttempts, minutes: app.config.lockoutMinutes };
  const sessionPolicy = { idleMinutes: app.config.sessionIdleMinutes, absoluteHours: app.config.sessionAbsoluteHours };
  // The single sign-on button, when a provider is configured.
  const sso = app.config.oidc ? { text: app.config.oidc.buttonText } : null;

  app.get('/sign-in', { config: { public: true } }, async (request, reply) => {
    if (request.user) return reply.redirect('/');
    const query = request.query as { next?: string; reason?: string };
    return reply.page('platform/auth/views/sign-in.njk', {
      title: 'Sign in to Cairn',
      values: {},
      next: safeNext(query.next),
      sso,
      notice: query.reason === 'signed-out' ? 'You have signed out.' : undefined,
    });
  });

  app.post(
    '/sign-in',
    { config: { public: true, rateLimit: { max: app.config.signInRateLimitPerMinute, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const next = safeNext(body.next);
      const parsed = signInForm.safeParse(body);
      const values = { email: typeof body.email === 'string' ? body.email : '' };
      const show = (errors: ReturnType<typeof noErrors>, status = 400) =>
        reply.status(status).page('platform/auth/views/sign-in.njk', { title: 'Sign in to Cairn', values, errors, next, sso });
      if (!parsed.success) return show(fromZodError(parsed.error));

      const result = await checkSignIn(db, parsed.data.email, parsed.data.password, lockout);
      if (result.outcome === 'locked') {
        return show(
          addError(noErrors(), 'email', `This account is locked after too many failed attempts. Try again after ${formatDateTime(result.until)}, or ask an administrator to reset your password.`),
          423,
        );
      }
      if (result.outcome === 'invalid') {
        return show(addError(noErrors(), 'email', 'Enter a correct email address and password'), 401);
      }
      // Checked only once the password is right, so the form never tells a stranger which organisation an account is in.
      if (!(await passwordSignInAllowedFor(db, result.userId))) {
        await recordAccess(db, { userId: result.userId, action: 'session.sign_in', outcome: 'denied', resourceType: 'session', reason: 'password sign-in turned off for the agency', requestId: String(request.id) });
        const message = sso
          ? `Your organisation signs in to Cairn with single sign-on. Use “${sso.text}” instead of a password.`
          : 'Your organisation does not sign in to Cairn with a password. Ask your Cairn administrator how to sign in.';
        return show(addError(noErrors(), 'email', message), 403);
      }
      const token = await createSession(db, result.userId, sessionPolicy);
      await recordAccess(db, { userId: result.userId, action: 'session.sign_in', outcome: 'allowed', resourceType: 'session', requestId: String(request.id) });
      reply.setCookie(SESSION_COOKIE, token, { signed: true, httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/' });
      return reply.redirect(next);
    },
  );

  app.post('/sign-out', { config: { public: true } }, async (request, reply) => {
    const signed = request.cookies[SESSION_COOKIE];
    const unsigned = signed ? request.unsignCookie(signed) : null;
    // A session that began at the provider ends there too (single sign-out), which then sends the browser back here.
    const atProvider = unsigned?.valid && unsigned.value ? await providerSignOutUrl(app, unsigned.value) : null;
    if (unsigned?.valid && unsigned.value) await endSession(db, unsigned.value);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect(atProvider ?? '/sign-in?reason=signed-out');
  });

  app.get('/account/password', async (request, reply) =>
    reply.page('platform/auth/views/change-password.njk', { title: 'Change your password', section: 'account', forced: request.user?.mustChangePassword }),
  );

  app.post('/account/password', async (request, reply) => {
    const { actor } = request.ctx();
    const parsed = changePasswordForm.safeParse(request.body ?? {});
    const show = (errors: ReturnType<typeof noErrors>) =>
      reply.status(400).page('platform/auth/views/change-password.njk', { title: 'Change your password', section: 'account', errors, forced: actor.mustChangePassword });
    if (!parsed.success) return show(fromZodError(parsed.error));
    const { currentPassword, newPassword } = parsed.data;
    if (!(await verifyPassword(await passwordHashOf(db, actor.id), currentPassword))) {
      return show(addError(noErrors(), 'currentPassword', 'Your current password is not correct'));
    }
    const problem = passwordProblem(newPassword, actor) ?? (newPassword === currentPassword ? 'Your new password must be different from your current password' : null);
    if (problem) return show(addError(noErrors(), 'newPassword', problem));

    await setPassword(db, actor.id, newPassword, { mustChange: false });
    // Other devices signed in with the old password are signed out; this one starts afresh.
    await endAllSessions(db, actor.id);
    await recordAccess(db, { userId: actor.id, action: 'account.password_changed', outcome: 'allowed', resourceType: 'user', resourceId: actor.id, requestId: String(request.id) });
    const token = await createSession(db, actor.id, sessionPolicy);
    reply.setCookie(SESSION_COOKIE, token, { signed: true, httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/' });
    request.user = { ...actor, mustChangePassword: false };
    return reply.page('platform/auth/views/password-changed.njk', { title: 'Your password has been changed', section: 'account' });
  });
});
