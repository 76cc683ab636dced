import type { Synthesise } from '../../synthetic/types.ts';

export const synthesise: Synthesise = () => {};
