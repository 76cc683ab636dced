import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Question, readAnswers } from './answers.ts';
import { barChartSpec } from './bar-chart.ts';
import { percentOf, summarise } from './results.ts';
import { questionFields, surveyFields } from './schema.ts';
import { resultsCsv } from './service-results.ts';

const q = (id: string, kind: Question['kind'], required: boolean, options: string[] = []): Question => ({ id, position: Number(id.slice(1)), kind, text: `Question ${id}`, hint: null, required, options });
const QUESTIONS = [q('q1', 'single', true, ['Yes', 'No', 'Not sure']), q('q2', 'multiple', false, ['A teacher', 'A friend', 'Childline']), q('q3', 'scale', true), q('q4', 'text', false)];

describe('survey builder validation', () => {
  const details = { title: 'Feeling safe', audience: 'children', introduction: 'About feeling safe.', anonymous: 'yes', opensOn: '2026-06-01', closesOn: '2026-06-30' };
  it('accepts a good survey and refuses a named children’s survey or dates the wrong way round', () => {
    assert.ok(surveyFields.safeParse(details).success);
    const named = surveyFields.safeParse({ ...details, anonymous: 'no' });
    assert.equal(named.success, false);
    assert.match(named.error!.issues[0]!.message, /always anonymous/);
    assert.equal(named.error!.issues[0]!.path[0], 'anonymous');
    assert.ok(surveyFields.safeParse({ ...details, audience: 'practitioners', anonymous: 'no' }).success, 'practitioners may be named');
    const backwards = surveyFields.safeParse({ ...details, closesOn: '2026-05-31' });
    assert.deepEqual(backwards.error?.issues.map((i) => i.path[0]), ['closesOn']);
    const empty = surveyFields.safeParse({ title: ' ', audience: 'everyone', introduction: '', anonymous: '', opensOn: '', closesOn: '' });
    assert.deepEqual(empty.error?.issues.map((i) => i.path[0]).sort(), ['anonymous', 'audience', 'closesOn', 'introduction', 'opensOn', 'title']);
  });

  it('needs 2 to 12 different choices for a choice question, and none for a scale', () => {
    const choice = (options: string, kind = 'single') => questionFields.safeParse({ text: 'Who would you talk to?', hint: '', kind, required: 'yes', options });
    assert.deepEqual(choice('Yes\r\n\r\n No \n').data?.options, ['Yes', 'No']);
    assert.match(choice('Only one').error!.issues[0]!.message, /at least 2/);
    assert.match(choice('Yes\nyes').error!.issues[0]!.message, /must be different/);
    assert.match(choice(Array.from({ length: 13 }, (_, i) => `Answer ${i}`).join('\n'), 'multiple').error!.issues[0]!.message, /no more than 12/);
    const scale = questionFields.safeParse({ text: 'How safe?', hint: '', kind: 'scale', required: 'no', options: 'left over\nfrom before' });
    assert.deepEqual(scale.data?.options, []);
    assert.equal(questionFields.safeParse({ text: '', kind: 'essay', required: 'maybe' }).error?.issues.length, 3);
  });
});

describe('answers', () => {
  it('reads a complete response and leaves out skipped optional questions', () => {
    const { answers, errors } = readAnswers({ 'q-q1': 'No', 'q-q2': ['Childline', 'A teacher'], 'q-q3': '4', 'q-q4': '  ' }, QUESTIONS, 'children');
    assert.deepEqual(errors.summary, []);
    assert.deepEqual(answers, [
      { questionId: 'q1', choices: ['No'], scale: null, text: null },
      { questionId: 'q2', choices: ['A teacher', 'Childline'], scale: null, text: null },
      { questionId: 'q3', choices: [], scale: 4, text: null },
    ]);
  });

  it('asks for required answers in plain words, refuses answers not offered, and links each error to its question', () => {
    const child = readAnswers({ 'q-q2': ['A parent'], 'q-q3': '6' }, QUESTIONS, 'children');
    assert.deepEqual(child.errors.summary.map((e) => e.href), ['#q-q1', '#q-q2', '#q-q3']);
    assert.match(child.errors.summary[0]!.text, /^Please choose an answer for “Question q1”/);
    assert.match(child.errors.summary[1]!.text, /Choose from the answers given/);
    assert.match(child.errors.summary[2]!.text, /from 1 to 5/);
    const adult = readAnswers({ 'q-q1': 'Yes', 'q-q3': '3', 'q-q4': 'x'.repeat(2001) }, QUESTIONS, 'practitioners');
    assert.deepEqual(adult.errors.summary.map((e) => e.href), ['#q-q4']);
    assert.match(adult.errors.summary[0]!.text, /2000 characters or fewer/);
  });
});

describe('results', () => {
  it('counts each choice and scale point against those who answered, with whole percentages and the mean', () => {
    const answer = (questionId: string, a: { choices?: string[]; scale?: number; text?: string }) => ({ questionId, choices: a.choices ?? [], scale: a.scale ?? null, text: a.text ?? null });
    const responses = [
      { by: null, answers: [answer('q1', { choices: ['Yes'] }), answer('q2', { choices: ['A teacher', 'A friend'] }), answer('q3', { scale: 5 }), answer('q4', { text: 'More time' })] },
      { by: null, answers: [answer('q1', { choices: ['Yes'] }), answer('q2', { choices: ['A friend'] }), answer('q3', { scale: 4 })] },
      { by: null, answers: [answer('q1', { choices: ['Not sure'] }), answer('q3', { scale: 2 })] },
    ];
    const [single, multiple, scale, text] = summarise(QUESTIONS, responses, 'children');
    assert.deepEqual(single!.options, [{ label: 'Yes', count: 2, percentage: 67 }, { label: 'No', count: 0, percentage: 0 }, { label: 'Not sure', count: 1, percentage: 33 }]);
    assert.equal(multiple!.answered, 2);
    assert.deepEqual(multiple!.options.map((o) => [o.count, o.percentage]), [[1, 50], [2, 100], [0, 0]], 'several choices are each out of those who answered');
    assert.equal(scale!.mean, 3.7);
    assert.deepEqual(scale!.options.map((o) => o.label), ['1: Really sad', '2: Sad', '3: OK', '4: Happy', '5: Really happy']);
    assert.deepEqual(scale!.options.map((o) => o.count), [0, 1, 0, 1, 1]);
    assert.deepEqual(text!.texts, [{ text: 'More time', by: null }]);
    assert.equal(percentOf(0, 0), 0);
    assert.equal(percentOf(1, 3), 33);
  });

  it('writes a CSV a spreadsheet cannot run, naming authors only for a named survey', () => {
    const results = summarise([q('q1', 'single', true, ['Yes', 'No']), q('q2', 'text', false)], [{ by: 'Sam Rowe', answers: [{ questionId: 'q1', choices: ['Yes'], scale: null, text: null }, { questionId: 'q2', choices: [], scale: null, text: '=HYPERLINK("x")' }] }], 'practitioners');
    const anonymous = resultsCsv(results, true);
    assert.ok(anonymous.startsWith('\uFEFFQuestion number,Question,Type of answer,Answered,Answer,Count,Percentage\r\n'));
    assert.match(anonymous, /1,Question q1,Choose one answer,1,Yes,1,100\r\n/);
    assert.match(anonymous, /"'=HYPERLINK\(""x""\)"/);
    assert.doesNotMatch(anonymous, /Sam Rowe/);
    assert.match(resultsCsv(results, false), /,Sam Rowe\r\n$/);
  });

  it('draws a bar a choice in the question’s order with its count and percentage', () => {
    const spec = barChartSpec([{ label: 'Yes', count: 2, percentage: 67 }, { label: 'No', count: 1, percentage: 33 }]) as unknown as { data: { values: { label: string; shown: string }[] }; encoding: { y: { sort: null } } };
    assert.deepEqual(spec.data.values.map((v) => [v.label, v.shown]), [['Yes', '2 (67%)'], ['No', '1 (33%)']]);
    assert.equal(spec.encoding.y.sort, null);
  });
});
