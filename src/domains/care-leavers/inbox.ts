import type { WorkSource } from '../inbox/work-item.ts';

/** This capability's work for the inbox and the manager dashboard. */
export const careLeaverWork: WorkSource = async () => [];
