import {
  Kind,
  getArgumentValues,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@thidua/common';

export interface CostWeights {
  objectCost: number;
  scalarCost: number;
  /** Each level of nesting weighs this much more than the one above (graphql-armor's model). */
  depthCostFactor: number;
}

/** The arguments that say how many items a field answers with (Relay connections). */
const PAGE_SIZE_ARGUMENTS = ['first', 'last'];

/**
 * What an operation costs to answer (issue 13, item 13): graphql-armor's model (objects 2, scalars 1, ×1.5 per level)
 * in which a field's cost is multiplied by the number of items it answers with: its `first` as sent (literal or
 * variable) or, when omitted, the schema's default (else the default page), bounded by the largest page served (MAX_PAGE_SIZE). Lists without a page size (a campaign's
 * targets, the sections) are short by design (everything long is a paginated connection) and count once. graphql-armor's own
 * cost rule reads `first` only when it is a literal, so `LaunchedCampaigns(first: $first)` cost as one campaign.
 * A fragment is costed once however often it is spread, so a document cannot make the counting itself expensive.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, weights: CostWeights): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const fragmentCosts = new Map<string, number>();

  const pageSizeOf = (node: FieldNode, field: NonNullable<ReturnType<typeof fieldOf>>): number | null => {
    const sizing = field.args.find((argument) => PAGE_SIZE_ARGUMENTS.includes(argument.name));
    if (!sizing) return null;
    let values: Record<string, unknown> = {};
    try {
      values = getArgumentValues(field, node, variables);
    } catch {
      // an uncoercible size is refused by validation anyway; count the largest page meanwhile
      return MAX_PAGE_SIZE;
    }
    // omitted without a default in the schema: the page the subgraphs serve then (pageSize())
    const requested = Number(values[sizing.name] ?? DEFAULT_PAGE_SIZE);
    return Number.isFinite(requested) ? Math.min(Math.max(requested, 0), MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
  };

  const selectionsCost = (selections: readonly SelectionNode[], parent: GraphQLCompositeType): number => {
    let total = 0;
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) total += fieldCost(selection, parent);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) total += selectionsCost(selection.selectionSet.selections, type);
      } else {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !type || !isCompositeType(type)) continue;
        if (!fragmentCosts.has(fragment.name.value)) fragmentCosts.set(fragment.name.value, selectionsCost(fragment.selectionSet.selections, type));
        total += fragmentCosts.get(fragment.name.value)!;
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType): number => {
    if (node.name.value === '__typename') return weights.scalarCost;
    const field = fieldOf(parent, node.name.value);
    if (!field) return 0;
    const type = getNamedType(field.type);
    const own = node.selectionSet && isCompositeType(type) ? weights.objectCost + weights.depthCostFactor * selectionsCost(node.selectionSet.selections, type) : weights.scalarCost;
    return own * (pageSizeOf(node, field) ?? 1);
  };

  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  return root ? selectionsCost(operation.selectionSet.selections, root) : 0;
}

function fieldOf(parent: GraphQLCompositeType, name: string) {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}
