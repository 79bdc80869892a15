import type { SubgraphContext } from '@thidua/common';
import type { MediaLoaders } from './loaders';

export type MediaContext = SubgraphContext<MediaLoaders>;
