import type { WorkSource } from './work-item.ts';

/** Every capability that holds work for people: the inbox lists what each one says is due. */
export const WORK_SOURCES: readonly WorkSource[] = [];
