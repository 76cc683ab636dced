import { type Rule, system } from './rules.ts';

/**
 * Board business. Every page asks `quality.view` (the business manager and board members) before it reads
 * anything; every form, shown or submitted, asks `partnership.manage` (the business manager only) first, so a
 * random id is 403 to everyone else and 404 to the business manager. Nothing here names a child.
 */
const manage = system('partnership.manage');
const view = system('quality.view');

export const BOARD_ROUTES: Record<string, Rule> = {
  'GET /board': view,
  'GET /board/members': view,
  'GET /board/meetings': view,
  'GET /board/meetings/:id': view,
  'GET /board/decisions': view,
  'GET /board/attendance': view,
  'GET /board/budget': view,
  'GET /board/plans': view,
  'GET /board/plans/:id': view,
  'GET /board/actions/:id': view,
  'GET /board/subgroups': view,
  'GET /board/subgroups/:id': view,
  'GET /board/meetings/:id/attendance': manage,
  'POST /board/meetings/:id/attendance': manage,
  ...Object.fromEntries(['/board/members/new', '/board/members/:id/edit', '/board/meetings/new', '/board/meetings/:id/decisions/new', '/board/budget/new', '/board/budget/:id/edit',
    '/board/plans/new', '/board/plans/:id/priorities/new', '/board/priorities/:id/actions/new', '/board/actions/:id/update', '/board/subgroups/new', '/board/subgroups/:id/items/new',
    '/board/work-items/:id/edit'].flatMap((path) => [[`GET ${path}`, manage], [`POST ${path}`, manage]])),
};
