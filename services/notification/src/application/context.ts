import type { SubgraphContext } from '@thidua/common';
import type { NotificationLoaders } from './loaders';

export type NotificationContext = SubgraphContext<NotificationLoaders>;
