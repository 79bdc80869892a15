import { CreateRounds1732500200000 } from './1732500200000-CreateRounds';

export const migrations = [CreateRounds1732500200000];
