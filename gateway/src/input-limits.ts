import {
  Kind,
  TypeInfo,
  getArgumentValues,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  parse,
  visit,
  visitWithTypeInfo,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { TEXT_LIMITS, textLength, type FieldProblem } from '@thidua/common';

/**
 * Input limits (issue 13, item 5; decision 0024): every string an operation sends, as an argument or inside an
 * input object, literal or variable, is at most TEXT_LIMITS.default characters long unless the subgraph's SDL declares
 * `@maxLength(n:)` on that argument or input field. Fail closed: a field nobody thought about gets the default. Other
 * scalars that carry text (ID, URL, dates, JSON) count their text, or their JSON, the same way.
 */

/** `Type.field(argument)` or `InputType.field` → the declared maximum, read from the supergraph's `@maxLength`. */
export type DeclaredLengths = ReadonlyMap<string, number>;

export interface LengthProblem extends FieldProblem {
  maxLength: number;
}

export function declaredLengths(supergraphSdl: string): DeclaredLengths {
  const limits = new Map<string, number>();
  const limitOf = (directives: readonly ConstDirectiveNode[] | undefined): number | undefined => {
    const n = directives?.find((d) => d.name.value === 'maxLength')?.arguments?.find((a) => a.name.value === 'n')?.value;
    return n?.kind === Kind.INT ? Number(n.value) : undefined;
  };
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) {
      for (const field of definition.fields ?? []) {
        for (const argument of field.arguments ?? []) {
          const n = limitOf(argument.directives);
          if (n !== undefined) limits.set(`${definition.name.value}.${field.name.value}(${argument.name.value})`, n);
        }
      }
    } else if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION || definition.kind === Kind.INPUT_OBJECT_TYPE_EXTENSION) {
      for (const field of definition.fields ?? []) {
        const n = limitOf(field.directives);
        if (n !== undefined) limits.set(`${definition.name.value}.${field.name.value}`, n);
      }
    }
  }
  return limits;
}

const NUMBER_FORMAT = new Intl.NumberFormat('vi-VN');

/** The text a scalar value carries: a string itself, anything else (JSON) as it was sent. */
function lengthOf(value: unknown): number {
  return typeof value === 'string' ? textLength(value) : JSON.stringify(value)?.length ?? 0;
}

function checkValue(value: unknown, type: GraphQLInputType, limit: number | undefined, field: string, declared: DeclaredLengths, problems: LengthProblem[]): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (Array.isArray(value)) value.forEach((item, i) => checkValue(item, nullable.ofType, limit, `${field}.${i}`, declared, problems));
    return;
  }
  if (isInputObjectType(nullable)) {
    for (const inner of Object.values(nullable.getFields())) {
      const path = field ? `${field}.${inner.name}` : inner.name;
      checkValue((value as Record<string, unknown>)[inner.name], inner.type, declared.get(`${nullable.name}.${inner.name}`), path, declared, problems);
    }
    return;
  }
  if (isEnumType(nullable) || ['Int', 'Float', 'Boolean'].includes(nullable.name)) return;
  const maxLength = limit ?? TEXT_LIMITS.default;
  // code points never outnumber UTF-16 units: only a value longer in units needs counting
  if (typeof value === 'string' && value.length <= maxLength) return;
  const length = lengthOf(value);
  if (length > maxLength) {
    problems.push({
      field,
      maxLength,
      message: `dài ${NUMBER_FORMAT.format(length)} ký tự, vượt giới hạn ${NUMBER_FORMAT.format(maxLength)} ký tự; hãy rút gọn`,
    });
  }
}

/**
 * Every string of the document's field arguments (with the operation's coerced variables) that is longer than its
 * limit, each named by its path as the subgraphs name fields in their own problems: inside an argument called
 * `input` from that input's fields (`targets.0.name`), else from the argument (`note`, `reviewer.subject`).
 */
export function inputLengthProblems(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, declared: DeclaredLengths): LengthProblem[] {
  const problems: LengthProblem[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const definition = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (!definition || !parent || definition.args.length === 0) return;
        let values: Record<string, unknown>;
        try {
          values = getArgumentValues(definition, node, variables);
        } catch {
          return; // not coercible: the gateway's own validation reports it
        }
        for (const argument of definition.args) {
          const limit = declared.get(`${parent.name}.${definition.name}(${argument.name})`);
          const base = argument.name === 'input' && isInputObjectType(getNullableType(argument.type)) ? '' : argument.name;
          checkValue(values[argument.name], argument.type, limit, base, declared, problems);
        }
      },
    }),
  );
  return problems;
}
