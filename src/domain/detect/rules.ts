import { debut } from './debut.js';
import { launchRecord } from './launch-record.js';
import { milestone } from './milestone.js';
import { newLeader } from './new-leader.js';
import { personalBest } from './personal-best.js';
import { rankChange } from './rank-change.js';
import { recordDay } from './record-day.js';
import { streak } from './streak.js';
import { sweep } from './sweep.js';
import type { Rule } from './context.js';

/** Every rule, in the order the specs' tables list the types (which is the order events come out). */
export const RULES: readonly Rule[] = [newLeader, streak, recordDay, milestone, personalBest, debut, rankChange, sweep, launchRecord];
