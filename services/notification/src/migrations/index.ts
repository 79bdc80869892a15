import { Notifications1796140215626 } from './1796140215626-Notifications';

export const migrations = [Notifications1796140215626];
