import { type Rule, signedIn, system } from './rules.ts';

/**
 * Multi-agency case audits. The list is anyone's: it shows every audit to the business manager and board members,
 * their agency's audits to practitioners and managers, and nothing to others. Templates, setting up, the sample,
 * moderation, findings and actions are the business manager's (`partnership.manage`); the audit page, report and
 * action list are also board members' (`quality.view`), naming no child. An agency's answers ask `audits.answer`
 * before anything is read; an agency not taking part in the audit is refused (403) once the audit exists, so not here.
 */
export const CASE_AUDIT_ROUTES: Record<string, Rule> = {
  'GET /audits': signedIn,
  'GET /audits/templates': system('partnership.manage'),
  'GET /audits/templates/new': system('partnership.manage'),
  'POST /audits/templates/new': system('partnership.manage'),
  'GET /audits/templates/:id': system('partnership.manage'),
  'GET /audits/templates/:id/questions/new': system('partnership.manage'),
  'POST /audits/templates/:id/questions/new': system('partnership.manage'),
  'GET /audits/new': system('partnership.manage'),
  'POST /audits/new': system('partnership.manage'),
  'GET /audits/actions': system('quality.view'),
  'GET /audits/:id': system('quality.view'),
  'GET /audits/:id/report': system('quality.view'),
  'GET /audits/:id/report.pdf': system('quality.view'),
  'POST /audits/:id/state': system('partnership.manage'),
  'GET /audits/:id/sample': system('partnership.manage'),
  'POST /audits/:id/sample': system('partnership.manage'),
  'GET /audits/:id/findings': system('partnership.manage'),
  'POST /audits/:id/findings': system('partnership.manage'),
  'GET /audits/:id/actions/new': system('partnership.manage'),
  'POST /audits/:id/actions/new': system('partnership.manage'),
  'GET /audits/:id/actions/:actionId': system('partnership.manage'),
  'POST /audits/:id/actions/:actionId': system('partnership.manage'),
  'GET /audits/:id/cases/:caseId': system('partnership.manage'),
  'POST /audits/:id/cases/:caseId': system('partnership.manage'),
  'GET /audits/:id/answers': system('audits.answer'),
  'POST /audits/:id/answers/submit': system('audits.answer'),
  'GET /audits/:id/answers/:caseId': system('audits.answer'),
  'POST /audits/:id/answers/:caseId': system('audits.answer'),
};
