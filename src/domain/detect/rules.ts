import { debut } from './debut.js';
import { milestone } from './milestone.js';
import { newLeader } from './new-leader.js';
import { personalBest } from './personal-best.js';
import { rankChange } from './rank-change.js';
import { recordDay } from './record-day.js';
import { streak } from './streak.js';
import type { Rule } from './context.js';

/** Every rule, in the order the spec's table lists the types (which is the order events come out). */
export const RULES: readonly Rule[] = [newLeader, streak, recordDay, milestone, personalBest, debut, rankChange];
