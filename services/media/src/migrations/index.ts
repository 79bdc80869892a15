import { CreateStories1732500400000 } from './1732500400000-CreateStories';

export const migrations = [CreateStories1732500400000];
